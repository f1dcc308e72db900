import { IRule, RuleCategory, Severity } from '../rule';

/**
 * The form of a rule id: letters, digits and hyphens. Ids end up in acknowledgement ids (`Plugin::RULE` and
 * `RULE[findingId]`), report names and SARIF rule ids, so `::`, brackets and spaces would break them.
 */
export const RULE_ID_PATTERN = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

/**
 * What is wrong with a rule's contract, one sentence per problem (empty when nothing is): the one check every rule
 * passes, built-in and custom alike, before the engine runs it.
 */
export function ruleContractProblems(rule: IRule): string[] {
  const problems: string[] = [];
  const label = typeof rule?.id === 'string' ? `rule ${JSON.stringify(rule.id)}` : 'a rule';
  if (typeof rule?.id !== 'string' || !RULE_ID_PATTERN.test(rule.id)) {
    problems.push(`${label}: the id must be letters, digits and single hyphens (for example MY-TEAM-LAMBDA-TAGS), `
      + 'because it is used in acknowledgement ids (Plugin::RULE, RULE[finding]) and report names');
  }
  if (!Array.isArray(rule?.resourceTypes) || rule.resourceTypes.length === 0 || rule.resourceTypes.some((t) => typeof t !== 'string' || t === '')) {
    problems.push(`${label}: resourceTypes must list at least one CloudFormation type (AWS::Lambda::Function), or the engine never calls it`);
  }
  if (!Object.values(Severity).includes(rule?.severity)) {
    problems.push(`${label}: severity must be Severity.ERROR, WARNING or INFO`);
  }
  if (!Object.values(RuleCategory).includes(rule?.category)) {
    problems.push(`${label}: category must be one of RuleCategory (the threat the rule answers)`);
  }
  if (typeof rule?.check !== 'function') {
    problems.push(`${label}: check(resource, stack) must be a method`);
  }
  return problems;
}
