import { FindingKind } from '../../src/core/finding';
import { RuleCategory, Severity } from '../../src/core/rule';
import { countsOf, countsPerStack, openFindingsByUrgency } from '../../src/reporting/private/counts';
import { FindingStatus, ReportedFinding } from '../../src/reporting/report-types';

function finding(id: string, stackPath: string, severity: Severity, status: FindingStatus): ReportedFinding {
  return {
    ruleId: id,
    kind: FindingKind.VIOLATION,
    severity,
    category: RuleCategory.CONFIGURATION,
    stackPath,
    logicalId: id,
    constructPath: `${stackPath}/${id}`,
    resourceType: 'AWS::SQS::Queue',
    message: id,
    remediation: 'fix',
    acknowledged: status === FindingStatus.ACKNOWLEDGED,
    fingerprint: id,
    status,
  };
}

const { ERROR, WARNING, INFO } = Severity;
const { FAILING, BELOW_THRESHOLD, ACKNOWLEDGED, BASELINED } = FindingStatus;
const findings = [
  finding('w-open', 'A', WARNING, BELOW_THRESHOLD),
  finding('e-ack', 'B', ERROR, ACKNOWLEDGED),
  finding('w-fail', 'A', WARNING, FAILING),
  finding('e-open', 'C', ERROR, BELOW_THRESHOLD),
  finding('e-fail', 'A', ERROR, FAILING),
  finding('e-base', 'B', ERROR, BASELINED),
  finding('e-fail-2', 'B', ERROR, FAILING),
  finding('i-open', 'A', INFO, BELOW_THRESHOLD),
];

describe('report counts', () => {
  test('countsOf: open errors and warnings, failing, acknowledged and baselined', () => {
    expect(countsOf(findings)).toEqual({ total: 8, errors: 3, warnings: 2, info: 1, failing: 3, acknowledged: 1, baselined: 1 });
    expect(countsOf([])).toEqual({ total: 0, errors: 0, warnings: 0, info: 0, failing: 0, acknowledged: 0, baselined: 0 });
  });

  test('countsPerStack: audited stacks in audit order (with or without findings), then stacks known only from findings', () => {
    const result = { stackPaths: ['B', 'Empty', 'A'], findings };
    expect(countsPerStack(result).map(({ stackPath, counts }) => [stackPath, counts.total, counts.errors, counts.warnings, counts.info])).toEqual([
      ['B', 3, 1, 0, 0], ['Empty', 0, 0, 0, 0], ['A', 4, 1, 2, 1], ['C', 1, 1, 0, 0],
    ]);
  });

  test('openFindingsByUrgency: failing errors, failing warnings, other errors, other warnings, info; audit order within each', () => {
    expect(openFindingsByUrgency(findings).map((f) => f.ruleId)).toEqual(['e-fail', 'e-fail-2', 'w-fail', 'e-open', 'w-open', 'i-open']);
  });
});
