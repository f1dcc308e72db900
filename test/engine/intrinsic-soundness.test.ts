import { CfnCondition, CfnMapping, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { newAppAndStack, synthesized } from './engine-test-helpers';
import { FindingKind } from '../../src/core/finding';
import { StackView } from '../../src/core/stack-view';
import { AuditEngine } from '../../src/engine/audit-engine';
import { BuiltInRules } from '../../src/rules/builtin-rules';

/**
 * A flaw must not pass because it is written differently. Each case writes a flaw the way a hurried or hostile author
 * might, through an intrinsic function that CloudFormation evaluates, and checks that the audit names it just as it
 * names the plain flaw: a violation when every way the template can deploy is insecure, "unable to decide" when only
 * some are, never silence.
 */
const rules = BuiltInRules.all();

function findings(stack: Stack, ruleId: string) {
  return new AuditEngine({ rules: rules.filter((r) => r.id === ruleId) }).audit([synthesized(stack)])
    .map((f) => ({ kind: f.kind, message: f.message, findingId: f.findingId }));
}

const code = lambda.Code.fromInline('exports.handler = async () => ({});');

function fn(stack: Stack, props: Partial<lambda.CfnFunctionProps> = {}): lambda.CfnFunction {
  return new lambda.CfnFunction(stack, 'Fn', {
    role: 'arn:aws:iam::111111111111:role/r', code: { zipFile: 'x' }, handler: 'index.handler', runtime: 'nodejs22.x', ...props,
  });
}

function url(stack: Stack, authType: any): void {
  const target = new lambda.Function(stack, 'Target', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
  new lambda.CfnUrl(stack, 'Url', { targetFunctionArn: target.functionArn, authType });
}

function undecided(stack: Stack, id = 'IsProd'): CfnCondition {
  const env = new CfnParameter(stack, `${id}Env`, { type: 'String' });
  return new CfnCondition(stack, id, { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
}

describe('a public function URL written through intrinsics is still a violation', () => {
  test.each<[string, (stack: Stack) => any]>([
    ['Fn::FindInMap over the template\'s Mappings', (stack) => {
      new CfnMapping(stack, 'Auth', { mapping: { dev: { Type: 'NONE' }, prod: { Type: 'AWS_IAM' } } });
      return Fn.findInMap('Auth', 'dev', 'Type');
    }],
    ['Fn::Select over Fn::Split', () => Fn.select(1, Fn.split(',', 'AWS_IAM,NONE'))],
    ['Fn::Join of fragments', () => Fn.join('', ['NO', 'NE'])],
    ['Fn::Sub with its variable map', () => Fn.sub('${A}${B}', { A: 'NO', B: 'NE' })],
    ['Fn::If whose both branches are NONE, written differently', (stack) =>
      Fn.conditionIf(undecided(stack).logicalId, 'NONE', Fn.join('', ['N', 'ONE']))],
    ['Fn::If on a condition decided by literals', (stack) => {
      const always = new CfnCondition(stack, 'Always', { expression: Fn.conditionEquals('x', 'x') });
      return Fn.conditionIf(always.logicalId, 'NONE', 'AWS_IAM');
    }],
    ['Fn::FindInMap keyed by the region where every region is public', (stack) => {
      new CfnMapping(stack, 'Auth', { mapping: { 'us-east-1': { Type: 'NONE' }, 'eu-west-1': { Type: 'NONE' } } });
      return Fn.findInMap('Auth', Stack.of(stack).region, 'Type');
    }],
  ])('%s', (_name, authType) => {
    const { stack } = newAppAndStack();
    url(stack, authType(stack));
    expect(findings(stack, 'SLS-LAMBDA-URL-AUTH')).toEqual([expect.objectContaining({ kind: FindingKind.VIOLATION })]);
  });
});

describe('a flaw in only some of the ways the template can deploy is "unable to decide", naming when it holds', () => {
  test('Fn::If with one public branch', () => {
    const { stack } = newAppAndStack();
    url(stack, Fn.conditionIf(undecided(stack).logicalId, 'AWS_IAM', 'NONE'));
    expect(findings(stack, 'SLS-LAMBDA-URL-AUTH')).toEqual([{
      kind: FindingKind.UNDECIDABLE,
      findingId: undefined,
      message: expect.stringMatching(/auth type NONE.*only when condition IsProd is false.*depends on condition IsProd/),
    }]);
  });

  test('branches that agree through conditions built from one another are judged consistently', () => {
    const { stack } = newAppAndStack();
    const prod = undecided(stack);
    const notProd = new CfnCondition(stack, 'IsNotProd', { expression: Fn.conditionNot(prod) });
    // NONE when prod, and NONE when not prod: public in every deployment.
    url(stack, Fn.conditionIf(prod.logicalId, 'NONE', Fn.conditionIf(notProd.logicalId, 'NONE', 'AWS_IAM')));
    expect(findings(stack, 'SLS-LAMBDA-URL-AUTH')).toEqual([expect.objectContaining({ kind: FindingKind.VIOLATION })]);
  });

  test('Fn::FindInMap keyed by the region, public in one region', () => {
    const { stack } = newAppAndStack();
    new CfnMapping(stack, 'Auth', { mapping: { 'us-east-1': { Type: 'NONE' }, 'eu-west-1': { Type: 'AWS_IAM' } } });
    url(stack, Fn.findInMap('Auth', Stack.of(stack).region, 'Type'));
    expect(findings(stack, 'SLS-LAMBDA-URL-AUTH')).toEqual([expect.objectContaining({
      kind: FindingKind.UNDECIDABLE, message: expect.stringMatching(/only when AWS::Region is us-east-1/),
    })]);
  });

  test('Fn::FindInMap keyed by a parameter', () => {
    const { stack } = newAppAndStack();
    const env = new CfnParameter(stack, 'Env', { type: 'String' });
    new CfnMapping(stack, 'Auth', { mapping: { dev: { Type: 'NONE' }, prod: { Type: 'AWS_IAM' } } });
    url(stack, Fn.findInMap('Auth', env.valueAsString, 'Type'));
    expect(findings(stack, 'SLS-LAMBDA-URL-AUTH')).toEqual([expect.objectContaining({
      kind: FindingKind.UNDECIDABLE, message: expect.stringMatching(/only when parameter Env is dev/),
    })]);
  });
});

describe('secrets and runtimes written through intrinsics', () => {
  test('a literal secret assembled with Fn::Sub and its variable map', () => {
    const { stack } = newAppAndStack();
    fn(stack, { environment: { variables: { DB_PASSWORD: Fn.sub('${A}${B}', { A: 'hunter2-', B: 'Xk9$mQ2#vL7' }) } } });
    expect(findings(stack, 'SLS-LAMBDA-ENV-SECRET')).toEqual([expect.objectContaining({ kind: FindingKind.VIOLATION, findingId: 'DB_PASSWORD' })]);
  });

  test('a secret-looking variable read from an SSM parameter\'s value is unknown, never a pass', () => {
    const { stack } = newAppAndStack();
    const parameter = new ssm.CfnParameter(stack, 'Password', { type: 'String', value: 'placeholder' });
    fn(stack, { environment: { variables: { DB_PASSWORD: parameter.attrValue } } });
    expect(findings(stack, 'SLS-LAMBDA-ENV-SECRET')).toEqual([expect.objectContaining({
      kind: FindingKind.UNDECIDABLE, message: expect.stringMatching(/the value of Password \(AWS::SSM::Parameter\), known only once deployed/),
    })]);
  });

  test('a deprecated runtime looked up in a mapping', () => {
    const { stack } = newAppAndStack();
    new CfnMapping(stack, 'Runtimes', { mapping: { node: { Version: 'nodejs14.x' } } });
    fn(stack, { runtime: Fn.findInMap('Runtimes', 'node', 'Version') });
    expect(findings(stack, 'SLS-LAMBDA-RUNTIME')).toEqual([expect.objectContaining({ kind: FindingKind.VIOLATION })]);
  });
});

describe('the deployed view holds every entry of the template, so nothing is a silent blind spot', () => {
  const view = new StackView('S', {
    Transform: ['AWS::Serverless-2016-10-31', { Name: 'AWS::Include', Parameters: {} }],
    Resources: {
      'Fn': { Type: 'AWS::Lambda::Function', Properties: {} },
      'Fn::ForEach::Queues': ['Name', ['A', 'B'], { '${Name}Queue': { Type: 'AWS::SQS::Queue' } }],
      'NoType': { Properties: { X: 1 } },
    },
    Outputs: { Password: { Value: 'hunter2', Export: { Name: 'pw' } } },
  });

  test.each([
    [StackView.TRANSFORM_TYPE, ['AWS::Serverless-2016-10-31', 'AWS::Include']],
    [StackView.FOR_EACH_TYPE, ['Fn::ForEach::Queues']],
    [StackView.UNTYPED_TYPE, ['NoType']],
    [StackView.OUTPUT_TYPE, ['Password']],
  ])('%s entries are in the view', (type, ids) => {
    expect(view.resourcesOfType(type).map((r) => r.logicalId)).toEqual(ids);
  });

  test('an output is not addressable as a resource (outputs and resources have separate names)', () => {
    expect(view.resource('Password')).toBeUndefined();
    expect(view.resourcesOfType(StackView.OUTPUT_TYPE)[0].properties).toEqual({ Value: 'hunter2', Export: { Name: 'pw' } });
  });
});
