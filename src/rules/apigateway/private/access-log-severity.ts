import { Severity, Verdict, VerdictKind } from '../../../core/rule';

/**
 * The severity split of the access-log rules (SLS-APIGW-ACCESS-LOG, SLS-HTTPAPI-ACCESS-LOG): a missing access log is
 * the rule's warning; a log that exists but is not JSON, or lacks a field, is info (extra fields are hygiene).
 */
export function quietFieldFinding(verdict: Verdict): Verdict {
  if (verdict.kind !== VerdictKind.VIOLATION || verdict.findingId === 'missing') return verdict;
  return { ...verdict, severity: Severity.INFO };
}
