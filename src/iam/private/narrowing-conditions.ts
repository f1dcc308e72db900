import { PolicyValue, StatementCondition } from '../policy-statement';

/**
 * Condition keys that limit who may call, whatever the `Principal` says: the caller's account, organization, ARN or
 * network, or the resource on whose behalf a service calls (the confused-deputy guards `aws:SourceArn` /
 * `aws:SourceAccount`). Lower case: IAM compares keys case-insensitively.
 */
export const CALLER_SCOPING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:userid',
  'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourcevpcarn', 'aws:sourceip', 'kms:calleraccount', 'lambda:functionurlauthtype',
  'lambda:invokedviafunctionurl',
]);

/** Condition keys that bind a service principal to this account's resources (confused-deputy protection). */
export const SERVICE_SCOPING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths',
]);

/** What a condition (or the conditions of a statement) does to the requests a statement admits. */
export enum Narrowing {
  /** Only requests whose key holds a specific value pass: the condition narrows. */
  NARROWS = 'narrows',
  /**
   * Requests pass that anyone can make: the key may be missing (`...IfExists`, `ForAllValues`, `Null`), the operator
   * is negated (`StringNotEquals` admits every other value), or a value admits anyone (`*`, `0.0.0.0/0`,
   * `arn:aws:iam::*:*`).
   */
  OPEN = 'open',
  /** A value is not known at synth time: whether the condition narrows cannot be decided. */
  UNKNOWN = 'unknown',
}

/** The meaning of a condition, with the unknown value named when it is unknown. */
export interface ConditionMeaning {
  readonly narrowing: Narrowing;
  /** For `UNKNOWN`, what is unknown (`parameter OrgId`). */
  readonly unknownReason?: string;
}

const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:principalaccount', 'kms:calleraccount', 'aws:resourceaccount', 'aws:sourceowner']);
const ID_KEYS = new Set(['aws:principalorgid', 'aws:sourceorgid', 'aws:resourceorgid', 'aws:sourcevpc', 'aws:sourcevpce']);
const PATH_KEYS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths', 'aws:resourceorgpaths']);
const NEGATED = /^(StringNot|ArnNot|NotIpAddress|NumericNot|DateNot|BinaryNot)/i;

/**
 * Judges one condition test by its operator and by what its values mean for its key. A condition narrows only when
 * the key must be present, must match, and every value it may match names something specific: one account, one
 * organization, one network smaller than a `/8`, an ARN that pins an account (or, for S3, a bucket name), any other
 * value that is not only wildcards. Values are alternatives (any may match), so one open value opens the condition.
 * Placeholders of the stack's own resources and pseudo parameters (`${MyBucket.Arn}`, `${AWS::AccountId}`) are
 * specific. A value not known at synth time makes the meaning `UNKNOWN`, never `NARROWS`.
 */
export function conditionMeaning(condition: StatementCondition): ConditionMeaning {
  if (!isNarrowingOperator(condition.operator)) return { narrowing: Narrowing.OPEN };
  return valuesMeaning(condition.key.toLowerCase(), condition.operator, condition.values);
}

/**
 * The meaning of the values of a condition for its key (regardless of the operator): what a negated operator in a
 * `Deny` statement excludes, for example.
 */
export function valuesMeaning(key: string, operator: string, values: PolicyValue[]): ConditionMeaning {
  if (values.length === 0) return { narrowing: Narrowing.OPEN };
  const unknown: string[] = [];
  for (const value of values) {
    if (value.text === undefined) {
      unknown.push(value.unknownReason ?? 'a value unknown at synth time');
      continue;
    }
    if (!valueNarrows(key, operator, value.text.trim())) return { narrowing: Narrowing.OPEN };
  }
  return unknown.length > 0 ? { narrowing: Narrowing.UNKNOWN, unknownReason: unknown.join(', ') } : { narrowing: Narrowing.NARROWS };
}

/**
 * The combined meaning of the conditions of a statement on the given keys: conditions are all required, so one that
 * narrows is enough; otherwise an unknown one makes the whole unknown.
 */
export function conditionsMeaning(conditions: StatementCondition[], keys: (key: string) => boolean): ConditionMeaning {
  const unknown: string[] = [];
  for (const condition of conditions) {
    if (!keys(condition.key.toLowerCase())) continue;
    const meaning = conditionMeaning(condition);
    if (meaning.narrowing === Narrowing.NARROWS) return meaning;
    if (meaning.narrowing === Narrowing.UNKNOWN) unknown.push(`${condition.key} (${meaning.unknownReason})`);
  }
  return unknown.length > 0 ? { narrowing: Narrowing.UNKNOWN, unknownReason: unknown.join(', ') } : { narrowing: Narrowing.OPEN };
}

/**
 * Whether a condition operator can narrow what a statement admits. It narrows only when the key must be present and
 * must match: `...IfExists` operators pass a request without the key, `Null` only tests presence, `ForAllValues`
 * passes a request without the key (an empty set), and negated operators (`StringNotEquals`, `ArnNotLike`,
 * `NotIpAddress`...) admit every other value. `ForAnyValue` fails on a missing key, so it narrows as its operator does.
 */
export function isNarrowingOperator(operator: string): boolean {
  const op = operator.trim();
  if (/^ForAllValues:/i.test(op)) return false;
  const setOperator = /^ForAnyValue:(.*)$/i.exec(op);
  if (setOperator) return isNarrowingOperator(setOperator[1]);
  if (/IfExists$/i.test(op) || /^Null$/i.test(op)) return false;
  return !NEGATED.test(op);
}

/** True for negated operators (`StringNotEquals`, `NotIpAddress`...), with or without `IfExists` or a set prefix. */
export function isNegatedOperator(operator: string): boolean {
  return NEGATED.test(operator.trim().replace(/^(ForAnyValue|ForAllValues):/i, ''));
}

/** Whether one literal condition value names something specific for its key. */
function valueNarrows(key: string, operator: string, text: string): boolean {
  if (text === '' || /^[*?]+$/.test(text)) return false;
  const neutral = text.replace(/\$\{[^}]*\}/g, 'X'); // placeholders of this stack are specific
  if (ACCOUNT_KEYS.has(key) || ID_KEYS.has(key)) return !hasWildcard(neutral);
  if (PATH_KEYS.has(key)) return !hasWildcard(neutral.split('/')[0]);
  if (key === 'aws:userid') return !hasWildcard(neutral.split(':')[0]);
  if (key === 'aws:sourceip') return cidrNarrows(neutral);
  if (key === 'lambda:functionurlauthtype') return neutral.toUpperCase() === 'AWS_IAM';
  if (key === 'lambda:invokedviafunctionurl') return neutral.toLowerCase() === 'true'; // the URL's own auth applies
  if (neutral.startsWith('arn:') || /^Arn/i.test(operator.replace(/^(ForAnyValue|ForAllValues):/i, ''))) return arnNarrows(neutral);
  return hasSpecificSegment(neutral);
}

/** Words that name no one in particular: a region, a partition, the `repo` prefix of GitHub subjects. */
const COMMON_SEGMENT = /^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d|aws|aws-cn|aws-us-gov|repo)$/;

/**
 * A value such as `us-east-1:*` (every Cognito identity pool of a region) or `repo:*` (every GitHub repository) only
 * names a region or a prefix everyone shares: at least one `:`- or `/`-separated segment must name something.
 */
function hasSpecificSegment(text: string): boolean {
  return text.split(/[:/]/).some((segment) => segment !== '' && !/^[*?]+$/.test(segment) && !COMMON_SEGMENT.test(segment));
}

/**
 * An ARN pattern narrows when it pins an account (a resource of another account can carry the same name), or, for
 * ARNs without an account (S3 buckets, globally unique), a bucket name without wildcard.
 */
function arnNarrows(arn: string): boolean {
  const parts = arn.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return !hasWildcard(arn);
  const account = parts[4];
  if (account !== '') return !hasWildcard(account);
  const resource = parts.slice(5).join(':');
  return resource !== '' && !hasWildcard(resource.split('/')[0]);
}

/** A network narrows when it is smaller than a `/8` (IPv4) or a `/16` (IPv6): `0.0.0.0/0` and `::/0` are everyone. */
function cidrNarrows(cidr: string): boolean {
  if (hasWildcard(cidr)) return false;
  const [address, prefix] = cidr.split('/');
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  if (!Number.isFinite(bits)) return false;
  return address.includes(':') ? bits >= 16 : bits >= 8;
}

function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
