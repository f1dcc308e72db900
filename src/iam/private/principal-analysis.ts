import { FindingIds } from '../../core/finding-ids';
import { PermissionFinding, PermissionFindingKind, PermissionFindingKinds } from '../permission-finding';
import { NormalizedPolicy, NormalizedStatement, PolicyValue, PrincipalType, StatementEffect } from '../policy-statement';
import { ActionWildcard } from './action-pattern';
import { capitalize, statementName, summarize, texts } from './finding-text';
import {
  CALLER_SCOPING_KEYS, ConditionMeaning, conditionMeaning, conditionsMeaning, isNegatedOperator, Narrowing, SERVICE_SCOPING_KEYS,
  valuesMeaning,
} from './narrowing-conditions';

/**
 * Condition keys that make trusting another account safe against the confused deputy: the caller's identity or
 * organization, or the external id the other account must pass (`sts:ExternalId`, what `iam.Role`'s `externalIds`
 * adds). An external id is not a secret, so it does not narrow `Principal: "*"`: only a named account.
 */
const OTHER_ACCOUNT_SCOPING_KEYS = (key: string): boolean => CALLER_SCOPING_KEYS.has(key) || key === 'sts:externalid';
/** KMS key policies scope services by encryption context or the calling service too. */
const KMS_SERVICE_SCOPING_PREFIXES = ['kms:encryptioncontext:', 'kms:viaservice', 'kms:calleraccount'];
const GITHUB = 'token.actions.githubusercontent.com';
const COGNITO_IDENTITY = 'cognito-identity.amazonaws.com';

/** Options for judging who a resource or trust policy lets in. */
export interface PrincipalAnalysisOptions {
  /** Account ids that count as this account when written literally (a stack with an explicit `env`). */
  readonly ownAccountIds: string[];
  /** True for KMS key policies, whose service grants are scoped by encryption context. */
  readonly isKeyPolicy: boolean;
  /** What the policy protects, for messages (`queue`, `key`, `REST API`). */
  readonly noun?: string;
}

/**
 * Judges the `Allow` statements of a resource policy (queue, topic, bucket, key, bus, API, table, repository, Lambda
 * permission): who may call. Granting anyone, or an AWS service without tying it to a source resource or account, is a
 * finding, unless a condition whose value narrows the callers applies, or a `Deny` for everyone outside a named
 * network, organization or account covers the same actions. An unknown principal or condition value is undecidable.
 */
export function analyzeResourcePolicyStatements(policy: NormalizedPolicy, options: PrincipalAnalysisOptions): PermissionFinding[] {
  const guards = policy.statements.map(denyGuard).filter((g): g is DenyGuard => g !== undefined);
  return policy.statements.flatMap((statement) => analyzeResourceStatement(statement, options, guards));
}

function analyzeResourceStatement(statement: NormalizedStatement, options: PrincipalAnalysisOptions,
  guards: DenyGuard[]): PermissionFinding[] {
  if (statement.effect === StatementEffect.DENY) return [];
  const name = statementName(statement);
  const actions = texts(statement.actions.length > 0 ? statement.actions : statement.notActions);
  const granted = statement.actions.length > 0 ? summarize(actions, 4) : `every action but ${summarize(actions, 4)}`;
  const on = options.noun ? ` on the ${options.noun}` : '';
  const base = { location: statement.location, actions, resources: texts(statement.resources) };
  if (statement.unknownReason || statement.effect === StatementEffect.UNKNOWN) {
    return [undecidable(base, statement.key, PermissionFindingKinds.resourcePolicy(), `Who ${name} admits cannot be judged.`,
      statement.unknownReason ?? 'its Effect, which is not a literal Allow or Deny')];
  }
  const findings: PermissionFinding[] = [];
  const callers = conditionsMeaning(statement.conditions, (k) => CALLER_SCOPING_KEYS.has(k));
  const guarded = guards.some((guard) => guard.narrowing === Narrowing.NARROWS && guardCovers(guard.statement, statement));
  const unknownGuard = guards.find((guard) => guard.narrowing === Narrowing.UNKNOWN && guardCovers(guard.statement, statement));
  const publicFinding = (findingId: string, who: string): void => {
    if (callers.narrowing === Narrowing.NARROWS || guarded) return;
    if (callers.narrowing === Narrowing.UNKNOWN || unknownGuard) {
      findings.push(undecidable(base, findingId, PermissionFindingKinds.resourcePolicy(),
        `${capitalize(name)} lets ${who} ${granted}${on} unless ${callers.narrowing === Narrowing.UNKNOWN ? 'its condition narrows the '
          + 'callers' : `${statementName(unknownGuard!.statement)} denies the callers outside a named network or organization`}.`,
        callers.unknownReason ?? unknownGuard!.unknownReason!));
      return;
    }
    findings.push({
      ...base,
      kind: PermissionFindingKind.RESOURCE_POLICY_PUBLIC,
      findingId,
      detail: `${capitalize(who)} can ${granted}${on}: ${name} admits ${who === 'anyone' ? 'Principal "*"' : 'them (Allow with NotPrincipal)'} with no condition `
        + `that narrows the callers${openConditionNote(statement)}.`,
    });
  };
  for (const principal of statement.principals) {
    if (principal.principalType === PrincipalType.ANYONE) {
      publicFinding(statement.key, 'anyone');
    } else if (principal.principalType === PrincipalType.UNKNOWN || principal.value.text === undefined) {
      findings.push(undecidable(base, `${statement.key}.Principal`, PermissionFindingKinds.resourcePolicy(),
        `Who ${name} admits is not known.`, principal.value.unknownReason ?? 'a principal of an unrecognised type'));
    } else if (principal.principalType === PrincipalType.SERVICE) {
      const scope = serviceScoping(statement, options.isKeyPolicy);
      if (scope.narrowing === Narrowing.OPEN && !guarded) {
        findings.push({
          ...base,
          kind: PermissionFindingKind.RESOURCE_POLICY_SERVICE_UNSCOPED,
          findingId: statement.key,
          detail: `The service ${principal.value.text} can ${granted}${on} on behalf of any account's resources (confused deputy): `
            + `${name} has no aws:SourceArn or aws:SourceAccount condition that names this account's resources${openConditionNote(statement)}.`,
        });
      } else if (scope.narrowing === Narrowing.UNKNOWN && !guarded) {
        findings.push(undecidable(base, statement.key, PermissionFindingKinds.resourcePolicy(),
          `Whether ${name} binds the service ${principal.value.text} to this account's resources is not known.`, scope.unknownReason!));
      }
    }
  }
  if (statement.notPrincipals.length > 0) publicFinding(statement.key, `every principal but ${summarize(texts(statement.notPrincipals.map((p) => p.value)))}`);
  return findings;
}

/**
 * Judges the `Allow` statements of a role's trust policy: who may assume the role. Anyone, another account without an
 * external id or organization condition, or a web identity without a specific audience and subject is a finding.
 */
export function analyzeTrustStatement(statement: NormalizedStatement, options: PrincipalAnalysisOptions): PermissionFinding[] {
  if (statement.effect === StatementEffect.DENY) return [];
  const name = trustName(statement);
  const base = { location: statement.location, actions: texts(statement.actions), resources: [] };
  if (statement.unknownReason || statement.effect === StatementEffect.UNKNOWN) {
    return [undecidable(base, statement.key, PermissionFindingKinds.trust(), `Who may assume the role through ${name} cannot be judged.`,
      statement.unknownReason ?? 'its Effect, which is not a literal Allow or Deny')];
  }
  const findings: PermissionFinding[] = [];
  const callers = conditionsMeaning(statement.conditions, (k) => CALLER_SCOPING_KEYS.has(k));
  const anyoneFinding = (findingId: string, who: string): void => {
    if (callers.narrowing === Narrowing.NARROWS) return;
    if (callers.narrowing === Narrowing.UNKNOWN) {
      findings.push(undecidable(base, findingId, PermissionFindingKinds.trust(), `${capitalize(name)} lets ${who} assume the role unless its `
        + 'condition narrows the callers.', callers.unknownReason!));
      return;
    }
    findings.push({
      ...base,
      kind: PermissionFindingKind.TRUST_ANYONE,
      findingId,
      detail: `${capitalize(who)} can assume the role: ${name} names ${findingId === '*' ? 'Principal "*"' : 'them'} with no `
        + `condition that narrows the callers${openConditionNote(statement)}.`,
    });
  };
  if (statement.notPrincipals.length > 0) anyoneFinding('NotPrincipal', `every principal but ${summarize(texts(statement.notPrincipals.map((p) => p.value)))}`);
  for (const principal of statement.principals) {
    const text = principal.value.text;
    if (text === undefined || principal.principalType === PrincipalType.UNKNOWN) {
      findings.push(undecidable(base, `${statement.key}.Principal`, PermissionFindingKinds.trust(),
        `Who may assume the role through ${name} is not known.`, principal.value.unknownReason ?? 'a principal of an unrecognised type'));
    } else if (principal.principalType === PrincipalType.ANYONE) {
      anyoneFinding('*', 'any AWS principal');
    } else if (principal.principalType === PrincipalType.AWS) {
      findings.push(...otherAccount(statement, text, options, base, name));
    } else if (principal.principalType === PrincipalType.FEDERATED) {
      findings.push(...federated(statement, text, base, name));
    }
  }
  return findings;
}

type Base = Pick<PermissionFinding, 'location' | 'actions' | 'resources'>;

function otherAccount(statement: NormalizedStatement, text: string, options: PrincipalAnalysisOptions,
  base: Base, name: string): PermissionFinding[] {
  const account = accountOf(text);
  if (account === undefined || options.ownAccountIds.includes(account)) return [];
  const scope = conditionsMeaning(statement.conditions, OTHER_ACCOUNT_SCOPING_KEYS);
  if (scope.narrowing === Narrowing.NARROWS) return [];
  if (scope.narrowing === Narrowing.UNKNOWN) {
    return [undecidable(base, account, [PermissionFindingKind.TRUST_OTHER_ACCOUNT], `Whether ${name} binds account ${account} `
      + 'to an external id or organization is not known.', scope.unknownReason!)];
  }
  return [{
    ...base,
    kind: PermissionFindingKind.TRUST_OTHER_ACCOUNT,
    findingId: account,
    detail: `Account ${account} can assume the role (${text}) with no sts:ExternalId or aws:PrincipalOrgID condition`
      + `${openConditionNote(statement)}${options.ownAccountIds.length === 0 ? ' (if that is this stack\'s own account, write it as AWS::AccountId)' : ''}.`,
  }];
}

/**
 * A web identity or SAML trust admits every identity of the provider unless its conditions pin, by value:
 * - Cognito identity pools: `cognito-identity.amazonaws.com:aud` equal to one identity pool and
 *   `cognito-identity.amazonaws.com:amr` (authenticated or unauthenticated identities);
 * - GitHub Actions: the audience and a `sub` bound to one repository (`repo:org/repo:*` at least);
 * - any other OIDC provider: a specific audience (`:aud`, `:oaud`, `:azp`) and a specific subject (`:sub`);
 * - SAML: `SAML:aud`.
 */
function federated(statement: NormalizedStatement, provider: string, base: Base, name: string): PermissionFinding[] {
  const host = providerHost(provider);
  const keyOf = (suffix: string) => (key: string) => key.endsWith(suffix) && (host === undefined || key === `${host}${suffix}`);
  const missing: string[] = [];
  const unknown: string[] = [];
  const require = (what: string, meaning: ConditionMeaning) => {
    if (meaning.narrowing === Narrowing.OPEN) missing.push(what);
    else if (meaning.narrowing === Narrowing.UNKNOWN) unknown.push(`${what}: ${meaning.unknownReason}`);
  };
  const isGithub = host === GITHUB || (host === undefined && statement.conditions.some((c) => c.key.toLowerCase().startsWith(`${GITHUB}:`)));
  if (host === COGNITO_IDENTITY) {
    require('an aud condition equal to one identity pool id', exact(statement, keyOf(':aud')));
    require('an amr condition (authenticated or unauthenticated identities)', conditionsMeaning(statement.conditions, keyOf(':amr')));
  } else if (/saml-provider\//i.test(provider)) {
    require('a SAML:aud condition', conditionsMeaning(statement.conditions, (k) => k === 'saml:aud'));
  } else {
    require('a specific audience (:aud)', conditionsMeaning(statement.conditions, (k) => keyOf(':aud')(k) || keyOf(':oaud')(k) || keyOf(':azp')(k)));
    require(isGithub ? 'a sub condition bound to one repository (repo:org/repo:...)' : 'a specific subject (:sub)',
      isGithub ? githubSubject(statement) : conditionsMeaning(statement.conditions, keyOf(':sub')));
  }
  const findingId = FindingIds.sanitize(provider);
  if (missing.length > 0) {
    return [{
      ...base,
      kind: PermissionFindingKind.TRUST_FEDERATED_UNSCOPED,
      findingId,
      detail: `Any identity from ${provider} that meets ${name} can assume the role: it lacks ${missing.join(' and ')}`
        + `${openConditionNote(statement)}.`,
    }];
  }
  if (unknown.length > 0) {
    return [undecidable(base, findingId, [PermissionFindingKind.TRUST_FEDERATED_UNSCOPED],
      `Whether ${name} pins the identities of ${provider} is not known.`, unknown.join('; '))];
  }
  return [];
}

/** A trust statement by its Sid (`trust statement "GitHubDeploy"`), else `the trust policy`. */
function trustName(statement: NormalizedStatement): string {
  return statement.sid !== undefined ? `trust statement "${statement.sid}"` : 'the trust policy';
}

/** The provider's host (`token.actions.githubusercontent.com`) from its ARN or name; undefined for a placeholder. */
function providerHost(provider: string): string | undefined {
  const oidc = /oidc-provider\/(.+)$/.exec(provider);
  const host = (oidc ? oidc[1] : provider).toLowerCase();
  return host.includes('${') ? undefined : host;
}

/** A condition on the key whose values are each one exact value (no wildcard): what `aud` of an identity pool needs. */
function exact(statement: NormalizedStatement, key: (key: string) => boolean): ConditionMeaning {
  const unknown: string[] = [];
  for (const condition of statement.conditions) {
    if (!key(condition.key.toLowerCase())) continue;
    const meaning = conditionMeaning(condition);
    if (meaning.narrowing === Narrowing.UNKNOWN) unknown.push(meaning.unknownReason!);
    if (meaning.narrowing === Narrowing.NARROWS && condition.values.every((v) => !ActionWildcard.hasWildcard(v.text ?? ''))) return meaning;
  }
  return unknown.length > 0 ? { narrowing: Narrowing.UNKNOWN, unknownReason: unknown.join(', ') } : { narrowing: Narrowing.OPEN };
}

/** Every `sub` value must name an owner and a repository without wildcards: `repo:org/app:ref:refs/heads/main`. */
function githubSubject(statement: NormalizedStatement): ConditionMeaning {
  const unknown: string[] = [];
  for (const condition of statement.conditions) {
    if (condition.key.toLowerCase() !== `${GITHUB}:sub`) continue;
    const meaning = conditionMeaning(condition);
    if (meaning.narrowing === Narrowing.UNKNOWN) unknown.push(meaning.unknownReason!);
    if (meaning.narrowing === Narrowing.NARROWS && condition.values.every((v) => /^repo:[^*?/:]+\/[^*?/:]+(:|$)/.test(v.text ?? ''))) {
      return meaning;
    }
  }
  return unknown.length > 0 ? { narrowing: Narrowing.UNKNOWN, unknownReason: unknown.join(', ') } : { narrowing: Narrowing.OPEN };
}

function serviceScoping(statement: NormalizedStatement, isKeyPolicy: boolean): ConditionMeaning {
  return conditionsMeaning(statement.conditions, (k) => SERVICE_SCOPING_KEYS.has(k)
    || (isKeyPolicy && KMS_SERVICE_SCOPING_PREFIXES.some((p) => k.startsWith(p))));
}

/**
 * A `Deny` for everyone (`Principal: "*"`) whose condition excludes a named network, organization or account
 * (`StringNotEquals aws:SourceVpce vpce-1`, `NotIpAddress aws:SourceIp 10.0.0.0/8`): every caller outside it is
 * refused, whatever the `Allow` statements say. This is how private REST APIs and VPC-only buckets are written.
 */
function denyGuard(statement: NormalizedStatement): DenyGuard | undefined {
  if (statement.effect !== StatementEffect.DENY || statement.unknownReason) return undefined;
  if (!statement.principals.some((p) => p.principalType === PrincipalType.ANYONE)) return undefined;
  if (statement.notActions.length > 0 || statement.notResources.length > 0) return undefined;
  let unknown: ConditionMeaning | undefined;
  for (const c of statement.conditions) {
    if (!CALLER_SCOPING_KEYS.has(c.key.toLowerCase()) || !isNegatedOperator(c.operator)) continue;
    const meaning = valuesMeaning(c.key.toLowerCase(), c.operator, c.values);
    if (meaning.narrowing === Narrowing.NARROWS) return { statement, narrowing: Narrowing.NARROWS };
    if (meaning.narrowing === Narrowing.UNKNOWN) unknown = meaning;
  }
  return unknown ? { statement, narrowing: Narrowing.UNKNOWN, unknownReason: unknown.unknownReason } : undefined;
}

/** A `Deny` for everyone outside what its negated condition names; `UNKNOWN` when that value is not known. */
interface DenyGuard {
  readonly statement: NormalizedStatement;
  readonly narrowing: Narrowing;
  readonly unknownReason?: string;
}

/** Whether a guard denies every action of the statement on every resource of it (or on `*`). */
function guardCovers(guard: NormalizedStatement, statement: NormalizedStatement): boolean {
  if (statement.actions.length === 0) return guard.actions.some((a) => a.text === '*');
  const covers = (patterns: PolicyValue[], value: PolicyValue) => value.text !== undefined
    && patterns.some((p) => p.text !== undefined && ActionWildcard.toRegExp(p.text.trim()).test(value.text!.trim()));
  if (!statement.actions.every((a) => covers(guard.actions, a))) return false;
  if (guard.resources.length === 0 || statement.resources.length === 0) return true; // Lambda permissions, bus policies
  return statement.resources.every((r) => covers(guard.resources, r));
}

/** When a statement has conditions on caller keys that narrow nothing, says which, so the reader sees why. */
function openConditionNote(statement: NormalizedStatement): string {
  const open = statement.conditions.filter((c) => conditionMeaning(c).narrowing === Narrowing.OPEN
    && (CALLER_SCOPING_KEYS.has(c.key.toLowerCase()) || /:(aud|sub|amr|oaud|azp)$/i.test(c.key) || c.key.toLowerCase() === 'sts:externalid'));
  if (open.length === 0) return '';
  return ` (${open.map((c) => `${c.operator} ${c.key} ${JSON.stringify(texts(c.values).length === 1 ? texts(c.values)[0] : texts(c.values))}`)
    .join(', ')} admits any caller)`;
}

/** The literal account id an AWS principal names (`123456789012`, `arn:aws:iam::123456789012:role/x`); none for placeholders. */
function accountOf(text: string): string | undefined {
  if (/^\d{12}$/.test(text)) return text;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(text.replace(/\$\{AWS::Partition\}/g, 'aws'));
  return match ? match[1] : undefined;
}

function undecidable(base: Base, findingId: string, undecidedKinds: PermissionFindingKind[], detail: string,
  unknownReason: string): PermissionFinding {
  return { ...base, kind: PermissionFindingKind.UNDECIDABLE, undecidedKinds, findingId: FindingIds.sanitize(findingId), detail, unknownReason };
}

/** What a role is for, as far as the trust analysis needs it (see `role-purpose.ts`). */
export interface TrustedServiceContext {
  /** The services that assume the role for the stack's resources using it; undefined when that is not fully known. */
  readonly neededServices?: ReadonlySet<string>;
  /** The resources using the role, for messages. */
  readonly users: string[];
  /** Services acting on behalf of resources someone else may configure, which need aws:SourceArn / aws:SourceAccount. */
  readonly delegateServices: ReadonlySet<string>;
  /** The service a principal names (`states` for `states.${AWS::Region}.amazonaws.com`). */
  serviceOf(principal: string): string;
}

/**
 * Judges the service principals of a trust statement: a service that no resource using the role needs (a Lambda
 * execution role that also trusts `ec2.amazonaws.com`), and a service acting on behalf of another resource (EventBridge,
 * Scheduler, SNS...) with no `aws:SourceArn`, `aws:SourceAccount` or `sts:ExternalId` condition (confused deputy).
 */
export function analyzeTrustedServices(statement: NormalizedStatement, context: TrustedServiceContext): PermissionFinding[] {
  if (statement.effect !== StatementEffect.ALLOW || statement.unknownReason) return [];
  const name = trustName(statement);
  const base = { location: statement.location, actions: texts(statement.actions), resources: [] };
  const findings: PermissionFinding[] = [];
  for (const principal of statement.principals) {
    const text = principal.value.text;
    if (principal.principalType !== PrincipalType.SERVICE || text === undefined) continue;
    const service = context.serviceOf(text);
    if (context.neededServices !== undefined && !context.neededServices.has(service)) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.TRUST_SERVICE_UNUSED,
        findingId: FindingIds.sanitize(text),
        detail: `The role trusts ${text}, which none of the resources using it needs (${summarize(context.users, 3)} `
          + `${context.users.length === 1 ? 'is assumed by' : 'are assumed by'} ${[...context.neededServices].sort().join(', ')}): `
          + `anyone allowed to pass the role to ${service} gets its permissions. Remove ${text} from ${name}.`,
      });
    }
    if (!context.delegateServices.has(service)) continue;
    const scope = conditionsMeaning(statement.conditions, (k) => SERVICE_SCOPING_KEYS.has(k) || k === 'sts:externalid');
    if (scope.narrowing === Narrowing.OPEN) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.TRUST_SERVICE_UNSCOPED,
        findingId: FindingIds.sanitize(text),
        detail: `${text} can assume the role on behalf of any resource (confused deputy): ${name} has no aws:SourceArn `
          + `or aws:SourceAccount condition naming this account's resources${openConditionNote(statement)}.`,
      });
    } else if (scope.narrowing === Narrowing.UNKNOWN) {
      findings.push(undecidable(base, text, [PermissionFindingKind.TRUST_SERVICE_UNSCOPED],
        `Whether ${name} binds ${text} to this account's resources is not known.`, scope.unknownReason!));
    }
  }
  return findings;
}
