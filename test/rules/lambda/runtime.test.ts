import { CfnParameter } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sam from 'aws-cdk-lib/aws-sam';
import { AuditDate } from '../../../src/core/audit-date';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { LambdaRuntimeRule } from '../../../src/rules/lambda/runtime';
import { checkRule, newStack as newStackAt } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

// The audit's day is pinned so the table's dates give stable verdicts: nodejs20.x is deprecated on 2026-04-30, 60 days
// after 2026-03-01.
const rule = new LambdaRuntimeRule();
const newStack = (today = '2026-03-01') => newStackAt('Stack', { [AuditDate.TODAY_CONTEXT]: today });
const V = VerdictKind.VIOLATION;

describe('SLS-LAMBDA-RUNTIME', () => {
  test.each<Scenario>([
    ['L2 on nodejs22.x', (s) => newFunction(s, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X })],
    ['L2 on python3.13', (s) => newFunction(s, 'Fn', { runtime: lambda.Runtime.PYTHON_3_13 })],
    ['L1 on java21', (s) => newCfnFunction(s, 'Fn', { runtime: 'java21' })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object, RegExp]>([
    ['L2 on deprecated nodejs18.x', (s) => newFunction(s, 'Fn', { runtime: lambda.Runtime.NODEJS_18_X }),
      { kind: V }, /nodejs18\.x was deprecated on 2025-09-01.*Supported: nodejs24\.x, nodejs22\.x/],
    ['L1 on deprecated python3.8', (s) => newCfnFunction(s, 'Fn', { runtime: 'python3.8' }),
      { kind: V }, /python3\.8 was deprecated/],
    ['L2 on nodejs20.x, deprecated within 90 days', (s) => newFunction(s, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X }),
      { kind: V, severity: Severity.WARNING }, /deprecated on 2026-04-30, in 60 days/],
    ['L1 on a runtime the table does not know', (s) => newCfnFunction(s, 'Fn', { runtime: 'nodejs99.x' }),
      { kind: V, severity: Severity.WARNING }, /not a runtime the library knows/],
    ['L1 on the next version of a known family (not yet in the table): info', (s) => newCfnFunction(s, 'Fn', { runtime: 'nodejs26.x' }),
      { kind: V, severity: Severity.INFO }, /^Runtime nodejs26.x is not yet in the library's runtime table/],
  ])('non-compliant: %s', (_name, build, expected, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([expected]);
    expect(results[0].detail).toMatch(detail);
  });

  test('the audit\'s day (context cdk-secure-serverless:today) moves verdicts: nodejs20.x is an error after its deprecation date', () => {
    const stack = newStack('2026-05-01');
    newFunction(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X });
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('without a pinned day the rule judges at today\'s date', () => {
    const stack = newStackAt();
    newCfnFunction(stack, 'Fn', { runtime: 'nodejs8.10' });
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test.each<Scenario>([
    ['an L2 container-image function', (s) => new lambda.DockerImageFunction(s, 'Fn', {
      code: lambda.DockerImageCode.fromEcr(ecr.Repository.fromRepositoryName(s, 'Repo', 'app')),
    })],
    ['an L1 container-image function', (s) => newCfnFunction(s, 'Fn', {
      packageType: 'Image',
      runtime: undefined,
      handler: undefined,
      code: { imageUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1' },
    })],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a runtime from a parameter is undecidable', () => {
    const stack = newStack();
    newCfnFunction(stack, 'Fn', { runtime: new CfnParameter(stack, 'RuntimeName').valueAsString });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(/parameter RuntimeName/);
  });

  test('raw override: a deprecated runtime over a supported one is reported', () => {
    const stack = newStack();
    cfnOf(newFunction(stack)).addPropertyOverride('Runtime', 'nodejs16.x');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: a supported runtime over a deprecated one fixes it', () => {
    const stack = newStack();
    cfnOf(newFunction(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_16_X })).addPropertyOverride('Runtime', 'nodejs22.x');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('SAM functions (AWS::Serverless::Function)', () => {
    test('a deprecated runtime is reported before the transform runs; a supported one is not', () => {
      const stack = newStack();
      new sam.CfnFunction(stack, 'Old', { runtime: 'python3.8', handler: 'index.handler', codeUri: 's3://b/k.zip' });
      new sam.CfnFunction(stack, 'Current', { runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://b/k.zip' });
      expect(checkRule(rule, stack).map((r) => [r.logicalId, r.kind])).toEqual([['Old', VerdictKind.VIOLATION]]);
    });

    test('no Runtime on the function (set by Globals, which the audit does not read) is undecidable; an image is not judged', () => {
      const stack = newStack();
      new sam.CfnFunction(stack, 'FromGlobals', { handler: 'index.handler', codeUri: 's3://b/k.zip' });
      new sam.CfnFunction(stack, 'Image', { packageType: 'Image', imageUri: '111111111111.dkr.ecr.eu-west-1.amazonaws.com/fn:1' });
      expect(checkRule(rule, stack)).toMatchObject([{ logicalId: 'FromGlobals', kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/Globals/) }]);
    });
  });
});
