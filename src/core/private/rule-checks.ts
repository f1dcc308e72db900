import { FindingIds } from '../finding-ids';
import { IRule, RuleCategory, Severity } from '../rule';

/**
 * The form of a rule id: letters, digits and single hyphens. Ids end up in acknowledgement ids (`Plugin::RULE` and
 * `RULE[findingId]`), report names and SARIF rule ids, so `::`, brackets and spaces would break them.
 */
export const RULE_ID_PATTERN = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

/**
 * The codes of the rule-contract problems, stable and searchable: each problem message starts with `[<code>]`. The
 * same codes for built-in and custom rules, because both are checked here and only here.
 */
export const RULE_CONTRACT_CODES = {
  /** The id is not letters, digits and single hyphens. */
  ID: 'RULE001',
  /** No CloudFormation type to read. */
  RESOURCE_TYPES: 'RULE002',
  /** The severity is not a `Severity`. */
  SEVERITY: 'RULE003',
  /** The category is not a `RuleCategory`. */
  CATEGORY: 'RULE004',
  /** `check` is not a method. */
  CHECK: 'RULE005',
  /** Two rules of one registry or one audit share an id. */
  DUPLICATE_ID: 'RULE006',
  /** A verdict's `findingId` breaks the finding-id scheme (`FindingIds`). */
  FINDING_ID: 'RULE007',
} as const;

/**
 * What is wrong with a rule's contract, one sentence per problem (empty when nothing is): the one check every rule
 * passes, built-in and custom alike, before the engine runs it or a registry holds it.
 */
export function ruleContractProblems(rule: IRule): string[] {
  const problems: string[] = [];
  const label = typeof rule?.id === 'string' ? `rule ${JSON.stringify(rule.id)}` : 'a rule';
  const problem = (code: string, text: string) => problems.push(`[${code}] ${label}: ${text}`);
  const idProblem = ruleIdProblem(rule?.id);
  if (idProblem !== undefined) problem(RULE_CONTRACT_CODES.ID, idProblem);
  if (!Array.isArray(rule?.resourceTypes) || rule.resourceTypes.length === 0 || rule.resourceTypes.some((t) => typeof t !== 'string' || t === '')) {
    problem(RULE_CONTRACT_CODES.RESOURCE_TYPES, 'resourceTypes must list at least one CloudFormation type (AWS::Lambda::Function), or the engine never calls it');
  }
  if (!Object.values(Severity).includes(rule?.severity)) {
    problem(RULE_CONTRACT_CODES.SEVERITY, 'severity must be Severity.ERROR, WARNING or INFO');
  }
  if (!Object.values(RuleCategory).includes(rule?.category)) {
    problem(RULE_CONTRACT_CODES.CATEGORY, 'category must be one of RuleCategory (the threat the rule answers)');
  }
  if (typeof rule?.check !== 'function') {
    problem(RULE_CONTRACT_CODES.CHECK, 'check(resource, stack) must be a method');
  }
  return problems;
}

/** The problem of a rule id given twice (to one registry, or to one audit), with its code. */
export function duplicateRuleIdProblem(id: string, what: string): string {
  return `[${RULE_CONTRACT_CODES.DUPLICATE_ID}] rule ${JSON.stringify(id)} ${what}`;
}

/**
 * What is wrong with a verdict's `findingId` (undefined when it is absent or well formed), judged by the one
 * finding-id scheme (`FindingIds.PATTERN`), so that `<ruleId>[<findingId>]` can be acknowledged.
 */
export function findingIdProblem(findingId: unknown): string | undefined {
  if (findingId === undefined) return undefined;
  const form = 'a finding id must be letters, digits, `-`, `_`, `.`, `:` and `*` (at least one), because it is acknowledged as '
    + '`<rule id>[<finding id>]`; replace any other character (for example with `_`)';
  if (typeof findingId !== 'string') return `[${RULE_CONTRACT_CODES.FINDING_ID}] the finding id is a ${typeof findingId}, but ${form}`;
  if (FindingIds.isValid(findingId)) return undefined;
  const foreign = FindingIds.forbiddenCharacters(findingId).map((c) => JSON.stringify(c));
  const what = findingId === '' ? 'is empty' : `holds ${foreign.join(', ')}`;
  return `[${RULE_CONTRACT_CODES.FINDING_ID}] the finding id ${JSON.stringify(findingId)} ${what}, but ${form}`;
}

/** What is wrong with a rule id, naming the characters it may not hold; undefined for a well-formed id. */
function ruleIdProblem(id: unknown): string | undefined {
  if (typeof id === 'string' && RULE_ID_PATTERN.test(id)) return undefined;
  const because = 'because it is used in acknowledgement ids (Plugin::RULE, RULE[finding]) and report names';
  const form = 'the id must be letters, digits and single hyphens (for example MY-TEAM-LAMBDA-TAGS)';
  if (typeof id !== 'string') return `${form}, but it is ${id === undefined ? 'missing' : `a ${typeof id}`}, ${because}`;
  if (id === '') return `${form}, but it is empty, ${because}`;
  const foreign = [...new Set(id.replace(/[A-Za-z0-9-]/g, ''))].map((c) => JSON.stringify(c));
  if (foreign.length > 0) return `${form}, but it holds ${foreign.join(', ')}, ${because}`;
  return `${form}, but it starts or ends with a hyphen or holds two in a row, ${because}`;
}
