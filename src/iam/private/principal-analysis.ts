import { PermissionFinding, PermissionFindingKind, PermissionFindingKinds } from '../permission-finding';
import { NormalizedStatement, PolicyValue, PrincipalType, StatementCondition, StatementEffect } from '../policy-statement';
import { summarize, toFindingId } from './finding-ids';
import { CALLER_SCOPING_KEYS, narrows } from './narrowing-conditions';

/**
 * Condition keys that make trusting another account safe against the confused deputy: the caller's identity or
 * organization, or the external id the other account must pass (`sts:ExternalId`, what `iam.Role`'s `externalIds`
 * adds). An external id is not a secret, so it does not narrow `Principal: "*"`: only a named account.
 */
const OTHER_ACCOUNT_SCOPING_KEYS: ReadonlySet<string> = new Set([...CALLER_SCOPING_KEYS, 'sts:externalid']);
/** Condition keys that bind a service principal to this account's resources (confused-deputy protection). */
const SERVICE_SCOPING_KEYS: ReadonlySet<string> = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid',
  'aws:sourceorgpaths']);
/** KMS key policies scope services by encryption context or the calling service instead. */
const KMS_SERVICE_SCOPING_PREFIXES = ['kms:encryptioncontext:', 'kms:viaservice', 'kms:calleraccount'];
/** Web-identity trust must pin the token's audience or subject (`cognito-identity.amazonaws.com:aud`, `...:sub`). */
const FEDERATED_SCOPING_SUFFIXES = [':aud', ':sub', ':amr', ':oaud'];

/** Options for judging who a resource or trust policy lets in. */
export interface PrincipalAnalysisOptions {
  /** Account ids that count as this account when written literally (a stack with an explicit `env`). */
  readonly ownAccountIds: string[];
  /** True for KMS key policies, whose service grants are scoped by encryption context. */
  readonly isKeyPolicy: boolean;
}

/**
 * Judges the `Allow` statements of a resource policy (queue, topic, bucket, key, bus, API, Lambda permission): who
 * may call. Granting anyone, or an AWS service without tying it to a source resource or account, is a finding.
 */
export function analyzeResourceStatement(statement: NormalizedStatement, options: PrincipalAnalysisOptions): PermissionFinding[] {
  if (statement.effect === StatementEffect.DENY) return [];
  const findings: PermissionFinding[] = [];
  const actions = texts(statement.actions.length > 0 ? statement.actions : statement.notActions);
  const base = { location: statement.location, actions, resources: texts(statement.resources) };
  if (statement.unknownReason || statement.effect === StatementEffect.UNKNOWN) {
    return [{
      ...base,
      kind: PermissionFindingKind.UNDECIDABLE,
      undecidedKinds: PermissionFindingKinds.resourcePolicy(),
      findingId: statement.key,
      detail: `Statement ${statement.key} cannot be judged: ${statement.unknownReason ?? 'its Effect is not a literal Allow or Deny'}.`,
    }];
  }
  const callerScoped = hasScopingCondition(statement.conditions, CALLER_SCOPING_KEYS);
  for (const principal of statement.principals) {
    if (principal.principalType === PrincipalType.ANYONE && !callerScoped) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.RESOURCE_POLICY_PUBLIC,
        findingId: '*',
        detail: `Statement ${statement.key} allows anyone (Principal "*") to ${summarize(actions)} with no condition on the `
          + 'caller\'s account, organization or source. Name the principals, or add an aws:SourceArn, aws:SourceAccount '
          + 'or aws:PrincipalOrgID condition.',
      });
    } else if (principal.principalType === PrincipalType.SERVICE && principal.value.text !== undefined
      && !hasServiceScoping(statement.conditions, options.isKeyPolicy)) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.RESOURCE_POLICY_SERVICE_UNSCOPED,
        findingId: toFindingId(principal.value.text),
        detail: `Statement ${statement.key} allows the service ${principal.value.text} to ${summarize(actions)} on behalf of any `
          + 'account or resource (confused deputy). Add an aws:SourceArn or aws:SourceAccount condition.',
      });
    } else if (principal.principalType === PrincipalType.UNKNOWN || principal.value.text === undefined) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.UNDECIDABLE,
        undecidedKinds: PermissionFindingKinds.resourcePolicy(),
        findingId: `${statement.key}.Principal`,
        detail: `Statement ${statement.key} names a principal not known at synth time (${principal.value.unknownReason ?? 'unrecognised principal type'}).`,
      });
    }
  }
  if (statement.notPrincipals.length > 0 && !callerScoped) {
    findings.push({
      ...base,
      kind: PermissionFindingKind.RESOURCE_POLICY_PUBLIC,
      findingId: 'NotPrincipal',
      detail: `Statement ${statement.key} allows everyone except ${summarize(texts(statement.notPrincipals.map((p) => p.value)))} `
        + '(Allow with NotPrincipal). Name the principals allowed instead.',
    });
  }
  return findings;
}

/**
 * Judges the `Allow` statements of a role's trust policy: who may assume the role. Anyone, another account, or a web
 * identity provider without an audience condition is a finding; AWS services and this account are not.
 */
export function analyzeTrustStatement(statement: NormalizedStatement, options: PrincipalAnalysisOptions): PermissionFinding[] {
  if (statement.effect === StatementEffect.DENY) return [];
  const base = { location: statement.location, actions: texts(statement.actions), resources: [] };
  if (statement.unknownReason || statement.effect === StatementEffect.UNKNOWN) {
    return [{
      ...base,
      kind: PermissionFindingKind.UNDECIDABLE,
      undecidedKinds: PermissionFindingKinds.trust(),
      findingId: statement.key,
      detail: `Trust statement ${statement.key} cannot be judged: ${statement.unknownReason ?? 'its Effect is not a literal Allow or Deny'}.`,
    }];
  }
  const findings: PermissionFinding[] = [];
  const callerScoped = hasScopingCondition(statement.conditions, CALLER_SCOPING_KEYS);
  if (statement.notPrincipals.length > 0 && !callerScoped) {
    findings.push({
      ...base,
      kind: PermissionFindingKind.TRUST_ANYONE,
      findingId: 'NotPrincipal',
      detail: `Trust statement ${statement.key} lets every principal except ${summarize(texts(statement.notPrincipals.map((p) => p.value)))} `
        + 'assume the role (Allow with NotPrincipal). Name the principals that may assume it instead.',
    });
  }
  for (const principal of statement.principals) {
    const text = principal.value.text;
    if (text === undefined || principal.principalType === PrincipalType.UNKNOWN) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.UNDECIDABLE,
        undecidedKinds: PermissionFindingKinds.trust(),
        findingId: `${statement.key}.Principal`,
        detail: `Trust statement ${statement.key} names a principal not known at synth time (${principal.value.unknownReason ?? 'unrecognised principal type'}).`,
      });
    } else if (principal.principalType === PrincipalType.ANYONE) {
      if (!callerScoped) {
        findings.push({
          ...base,
          kind: PermissionFindingKind.TRUST_ANYONE,
          findingId: '*',
          detail: `Trust statement ${statement.key} lets any AWS principal assume the role (Principal "*"). `
            + 'Name the role or account that needs it, or add an aws:PrincipalOrgID or aws:PrincipalArn condition.',
        });
      }
    } else if (principal.principalType === PrincipalType.AWS) {
      const account = accountOf(text);
      if (account !== undefined && !options.ownAccountIds.includes(account)
        && !hasScopingCondition(statement.conditions, OTHER_ACCOUNT_SCOPING_KEYS)) {
        findings.push({
          ...base,
          kind: PermissionFindingKind.TRUST_OTHER_ACCOUNT,
          findingId: account,
          detail: `Trust statement ${statement.key} lets account ${account} (${text}) assume the role`
            + `${options.ownAccountIds.length === 0 ? ' (if that is this stack\'s own account, write it as AWS::AccountId)' : ''}. `
            + 'Trust a specific role of that account and require an sts:ExternalId or aws:PrincipalOrgID condition.',
        });
      }
    } else if (principal.principalType === PrincipalType.FEDERATED && !hasFederatedScoping(statement.conditions)) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.TRUST_FEDERATED_UNSCOPED,
        findingId: toFindingId(text),
        detail: `Trust statement ${statement.key} lets any identity from ${text} assume the role: it has no audience `
          + '(`:aud`) or subject (`:sub`) condition. Pin the audience and subject the role is for.',
      });
    }
  }
  return findings;
}

/** The literal account id an AWS principal names (`123456789012`, `arn:aws:iam::123456789012:role/x`); none for placeholders. */
function accountOf(text: string): string | undefined {
  if (/^\d{12}$/.test(text)) return text;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(text.replace(/\$\{AWS::Partition\}/g, 'aws'));
  return match ? match[1] : undefined;
}

function hasScopingCondition(conditions: StatementCondition[], keys: ReadonlySet<string>): boolean {
  return conditions.some((c) => keys.has(c.key.toLowerCase()) && restricts(c));
}

function hasServiceScoping(conditions: StatementCondition[], isKeyPolicy: boolean): boolean {
  if (hasScopingCondition(conditions, SERVICE_SCOPING_KEYS)) return true;
  return isKeyPolicy && conditions.some((c) => KMS_SERVICE_SCOPING_PREFIXES.some((p) => c.key.toLowerCase().startsWith(p)) && restricts(c));
}

function hasFederatedScoping(conditions: StatementCondition[]): boolean {
  return conditions.some((c) => FEDERATED_SCOPING_SUFFIXES.some((s) => c.key.toLowerCase().endsWith(s)) && restricts(c));
}

/** A condition restricts when it must be present and match a value other than `*` (see `narrows`). */
function restricts(condition: StatementCondition): boolean {
  return narrows(condition.operator, condition.values.map((v) => v.text));
}

function texts(values: PolicyValue[]): string[] {
  return values.map((v) => v.text ?? `<${v.unknownReason}>`);
}
