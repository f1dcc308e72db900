/**
 * Condition keys that limit who may call, whatever the `Principal` says: the caller's account, organization, ARN or
 * network, or the resource on whose behalf a service calls (the confused-deputy guards `aws:SourceArn` /
 * `aws:SourceAccount`). Lower case: IAM compares keys case-insensitively.
 */
export const CALLER_SCOPING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:userid',
  'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip', 'kms:calleraccount', 'lambda:functionurlauthtype',
]);

/**
 * Whether a condition operator can narrow what a statement admits. It narrows only when the key must be present and
 * must match: `...IfExists` operators pass a request without the key, `Null` only tests presence, and negated
 * operators (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`...) admit every other value. One definition for the
 * least-privilege analysis (`PolicyAnalyzer`) and the resource-policy rules (SQS, SNS, S3, EventBridge), so they
 * never disagree on the same condition.
 */
export function isNarrowingOperator(operator: string): boolean {
  const op = operator.trim();
  const setOperator = /^(ForAnyValue|ForAllValues):(.*)$/i.exec(op);
  if (setOperator) return isNarrowingOperator(setOperator[2]);
  if (/IfExists$/i.test(op) || /^Null$/i.test(op)) return false;
  return !/^(StringNot|ArnNot|NotIpAddress|NumericNot|DateNot)/i.test(op);
}

/**
 * Whether a condition's values admit anything: no value, or a value that is only `*` (`StringLike: {"aws:SourceArn":
 * "*"}`). Values not known at synth time (`undefined`) are assumed to narrow.
 */
export function admitsAnyValue(values: ReadonlyArray<string | undefined>): boolean {
  return values.length === 0 || values.some((v) => v !== undefined && /^\*+$/.test(v.trim()));
}

/** Whether one condition test (`operator`, its `values`) genuinely narrows what the statement admits. */
export function narrows(operator: string, values: ReadonlyArray<string | undefined>): boolean {
  return isNarrowingOperator(operator) && !admitsAnyValue(values);
}
