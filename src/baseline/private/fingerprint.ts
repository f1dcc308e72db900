import * as crypto from 'crypto';
import { Finding } from '../../core/finding';
import { Findings } from '../../core/private/findings';

/**
 * SHA-256 as hex. `crypto.hash` (Node.js 20.12 and later) is about three times faster than `createHash` for a short
 * string, which counts with one fingerprint per finding; older Node.js versions have only `createHash`. Both give the
 * same digest, so baselines do not change with the Node.js version.
 */
const sha256Hex: (text: string) => string = typeof crypto.hash === 'function'
  ? (text) => crypto.hash('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * Stable identities of findings, for baselines and for SARIF `partialFingerprints`. A finding is identified by what
 * a person would name it by: rule id, finding id, stack path and construct path. Logical ids are left out on
 * purpose: they are hashes of the construct path that change when a construct is wrapped or renamed in ways that do
 * not change what is deployed, and a baseline keyed by them would report old findings as new.
 */
export class FindingFingerprints {
  /** The readable identity: `<ruleId>[<findingId>] <stackPath> <constructPath>`. */
  public static key(finding: Finding): string {
    return `${Findings.qualifiedRuleId(finding)} ${finding.stackPath} ${finding.constructPath}`;
  }

  /** A short hash of `key`, for files and tools that want a fixed-length id (32 hex characters). */
  public static of(finding: Finding): string {
    return sha256Hex(FindingFingerprints.key(finding)).substring(0, 32);
  }
}
