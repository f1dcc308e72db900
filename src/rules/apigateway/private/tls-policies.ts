/** How a custom domain security policy stands against the TLS 1.2 floor. */
export enum TlsPolicyVerdict {
  /** Rejects TLS 1.0 and 1.1. */
  TLS_1_2_OR_NEWER = 'tls-1.2-or-newer',
  /** Accepts TLS 1.0 (and 1.1). */
  LEGACY = 'legacy',
  /** A name this table does not know: not judged as secure. */
  UNKNOWN = 'unknown',
}

/**
 * API Gateway custom domain security policies, from "Supported security policies" in the API Gateway developer guide
 * (as listed when aws-cdk-lib 2.276 was current). `TLS_1_0` and `TLS_1_2` are the legacy policies; every `SecurityPolicy_*` (enhanced) policy
 * listed there rejects TLS 1.0 and 1.1.
 */
const TLS_1_2_OR_NEWER = new Set([
  'TLS_1_2',
  'SecurityPolicy_TLS13_1_3_2025_09',
  'SecurityPolicy_TLS13_1_3_FIPS_2025_09',
  'SecurityPolicy_TLS13_1_2_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09',
  'SecurityPolicy_TLS13_2025_EDGE',
  'SecurityPolicy_TLS12_PFS_2025_EDGE',
  'SecurityPolicy_TLS12_2018_EDGE',
]);

/**
 * Future enhanced policies follow `SecurityPolicy_TLS<max>_<min major>_<min minor>_...` or
 * `SecurityPolicy_TLS<max>_<year>_EDGE`: a name whose maximum version is 1.2 or 1.3 and whose minimum, when given,
 * is 1.2 or 1.3 is accepted without waiting for this table.
 */
const ENHANCED_NAME = /^SecurityPolicy_TLS1[23]_(?:(1)_([0-9])_|\d{4}_)/;

/** Judges a custom domain security policy name against the TLS 1.2 floor. */
export class TlsPolicies {
  public static judge(policy: string): TlsPolicyVerdict {
    if (TLS_1_2_OR_NEWER.has(policy)) return TlsPolicyVerdict.TLS_1_2_OR_NEWER;
    if (policy === 'TLS_1_0') return TlsPolicyVerdict.LEGACY;
    const m = ENHANCED_NAME.exec(policy);
    if (m) return m[2] === undefined || Number(m[2]) >= 2 ? TlsPolicyVerdict.TLS_1_2_OR_NEWER : TlsPolicyVerdict.LEGACY;
    return TlsPolicyVerdict.UNKNOWN;
  }
}
