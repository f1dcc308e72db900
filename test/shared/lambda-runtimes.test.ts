import { LambdaRuntimeSupport, RequiredWildcardActions, RuntimeStatus } from '../../src/shared';

describe('LambdaRuntimeSupport', () => {
  const today = '2026-11-28';
  test.each([
    ['nodejs24.x', RuntimeStatus.SUPPORTED],
    ['nodejs22.x', RuntimeStatus.SUPPORTED],
    ['nodejs20.x', RuntimeStatus.DEPRECATED],
    ['nodejs18.x', RuntimeStatus.DEPRECATED],
    ['python3.14', RuntimeStatus.SUPPORTED],
    ['python3.13', RuntimeStatus.SUPPORTED],
    ['python3.12', RuntimeStatus.SUPPORTED],
    ['python3.9', RuntimeStatus.DEPRECATED],
    ['dotnet8', RuntimeStatus.DEPRECATED],
    ['ruby3.3', RuntimeStatus.SUPPORTED],
    ['provided.al2023', RuntimeStatus.SUPPORTED],
    ['go1.x', RuntimeStatus.DEPRECATED],
    ['cobol1.0', RuntimeStatus.UNKNOWN],
  ])('%s on 2026-11-28 is %s', (runtime, status) => {
    expect(LambdaRuntimeSupport.classify(runtime, today).status).toBe(status);
  });

  test('90-day warning window, boundaries', () => {
    expect(LambdaRuntimeSupport.classify('nodejs22.x', '2027-01-30').status).toBe(RuntimeStatus.DEPRECATION_SOON);
    expect(LambdaRuntimeSupport.classify('nodejs22.x', '2027-01-29').status).toBe(RuntimeStatus.SUPPORTED);
    expect(LambdaRuntimeSupport.classify('nodejs22.x', '2027-04-30').status).toBe(RuntimeStatus.DEPRECATED);
    expect(LambdaRuntimeSupport.classify('nodejs22.x', '2027-04-29').daysUntilDeprecation).toBe(1);
  });

  test.each([
    // newer versions of a family the table knows: supported, just not in the table yet
    ['nodejs26.x', RuntimeStatus.NEWER_THAN_TABLE],
    ['nodejs28.x', RuntimeStatus.NEWER_THAN_TABLE],
    ['python3.15', RuntimeStatus.NEWER_THAN_TABLE],
    ['java29', RuntimeStatus.NEWER_THAN_TABLE],
    ['dotnet12', RuntimeStatus.NEWER_THAN_TABLE],
    ['ruby3.5', RuntimeStatus.NEWER_THAN_TABLE],
    ['ruby4.0', RuntimeStatus.NEWER_THAN_TABLE],
    // typos, unknown families, older unknown versions and implausible jumps stay unknown
    ['nodejs240.x', RuntimeStatus.UNKNOWN],
    ['nodejs26', RuntimeStatus.UNKNOWN],
    ['node26.x', RuntimeStatus.UNKNOWN],
    ['nodejs23.x', RuntimeStatus.UNKNOWN],
    ['python3.99', RuntimeStatus.UNKNOWN],
    ['python4.0', RuntimeStatus.UNKNOWN],
    ['pyhton3.15', RuntimeStatus.UNKNOWN],
    ['java8.al2023', RuntimeStatus.UNKNOWN],
    ['cobol2.0', RuntimeStatus.UNKNOWN],
    ['', RuntimeStatus.UNKNOWN],
  ])('%s is %s', (runtime, status) => {
    expect(LambdaRuntimeSupport.classify(runtime, today).status).toBe(status);
  });

  test('alternatives and metadata', () => {
    expect(LambdaRuntimeSupport.supportedAlternatives('nodejs20.x', today)).toEqual(['nodejs24.x', 'nodejs22.x']);
    expect(LambdaRuntimeSupport.LAST_REVIEWED).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(LambdaRuntimeSupport.lookup('python3.9')?.deprecationDate).toBe('2025-12-15');
    expect(() => LambdaRuntimeSupport.classify('nodejs22.x', 'yesterday')).toThrow(/ISO/);
  });

  test('required wildcard actions', () => {
    expect(RequiredWildcardActions.isRequired('xray:PutTraceSegments')).toBe(true);
    expect(RequiredWildcardActions.isRequired('s3:GetObject')).toBe(false);
    expect(RequiredWildcardActions.justificationFor('ec2:CreateNetworkInterface')).toMatch(/VPC/);
  });
});
