import { createHash } from 'crypto';
import { FindingFingerprints } from '../../src/baseline/private/fingerprint';
import { FindingKind } from '../../src/core/finding';
import { RuleCategory, Severity } from '../../src/core/rule';

const finding = {
  ruleId: 'SLS-LAMBDA-ENV-SECRET',
  findingId: 'DB_PASSWORD',
  kind: FindingKind.VIOLATION,
  severity: Severity.ERROR,
  category: RuleCategory.SECRETS,
  stackPath: 'Prod/Api',
  logicalId: 'HandlerABC',
  constructPath: 'Prod/Api/Handler/Resource',
  resourceType: 'AWS::Lambda::Function',
  message: 'm',
  remediation: 'r',
  acknowledged: false,
};

describe('FindingFingerprints', () => {
  test('a fingerprint never changes between releases: baselines written by earlier versions keep matching', () => {
    expect(FindingFingerprints.key(finding)).toBe('SLS-LAMBDA-ENV-SECRET[DB_PASSWORD] Prod/Api Prod/Api/Handler/Resource');
    expect(FindingFingerprints.of(finding)).toBe('583724894f7611a2290293cb55c5229e'); // the value earlier releases wrote
    expect(FindingFingerprints.of(finding))
      .toBe(createHash('sha256').update(FindingFingerprints.key(finding)).digest('hex').substring(0, 32));
  });

  test('rule, finding id, stack and construct path identify a finding; the logical id does not', () => {
    const fingerprint = FindingFingerprints.of(finding);
    expect(FindingFingerprints.of({ ...finding, logicalId: 'Renamed123' })).toBe(fingerprint);
    for (const changed of [{ ruleId: 'SLS-OTHER' }, { findingId: 'API_KEY' }, { stackPath: 'Dev/Api' }, { constructPath: 'Prod/Api/Other' }]) {
      expect(FindingFingerprints.of({ ...finding, ...changed })).not.toBe(fingerprint);
    }
  });
});
