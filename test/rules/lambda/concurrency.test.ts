import { CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaConcurrencyRule } from '../../../src/rules/lambda/concurrency';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaConcurrencyRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LAMBDA-CONCURRENCY', () => {
  test.each<Scenario>([
    ['L2 behind a REST API with reserved concurrency', (s) => new apigateway.LambdaRestApi(s, 'Api', {
      handler: newFunction(s, 'Fn', { reservedConcurrentExecutions: 50 }),
    })],
    ['L2 with a public URL and reserved concurrency', (s) => newFunction(s, 'Fn', { reservedConcurrentExecutions: 10 })
      .addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })],
    ['L1 with a public URL and reserved concurrency from a parameter (set, whatever its value)', (s) => {
      const fn = newCfnFunction(s, 'Fn', { reservedConcurrentExecutions: new CfnParameter(s, 'Reserved', { type: 'Number' }).valueAsNumber });
      new lambda.CfnUrl(s, 'Url', { authType: 'NONE', targetFunctionArn: fn.attrArn });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['L2 behind a REST API', (s) => new apigateway.LambdaRestApi(s, 'Api', { handler: newFunction(s) }), /API Gateway, permission/],
    ['L2 with a public function URL', (s) => newFunction(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }),
      /function URL FnFunctionUrl/],
    ['L1 with a public URL on an alias', (s) => {
      const fn = newCfnFunction(s, 'Fn');
      const version = new lambda.CfnVersion(s, 'Version', { functionName: fn.ref });
      const alias = new lambda.CfnAlias(s, 'Live', { functionName: fn.ref, functionVersion: version.attrVersion, name: 'live' });
      new lambda.CfnUrl(s, 'Url', { authType: 'NONE', targetFunctionArn: alias.ref });
    }, /function URL Url/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<Scenario>([
    ['a function without trigger', (s) => newFunction(s)],
    ['a function behind an AWS_IAM URL', (s) => newFunction(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })],
    ['a queue consumer', (s) => newFunction(s).addEventSource(new sources.SqsEventSource(new sqs.Queue(s, 'Queue')))],
    ['a function invoked by a role', (s) => newFunction(s).grantInvoke(new iam.Role(s, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }))],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a URL auth type from a parameter is undecidable', () => {
    const stack = newStack();
    const fn = newCfnFunction(stack);
    new lambda.CfnUrl(stack, 'Url', { authType: new CfnParameter(stack, 'AuthType').valueAsString, targetFunctionArn: fn.attrArn });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(/function URL Url .*parameter AuthType/);
  });

  test('raw override: removing reserved concurrency from an API handler is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { reservedConcurrentExecutions: 50 });
    new apigateway.LambdaRestApi(stack, 'Api', { handler: fn });
    cfnOf(fn).addPropertyDeletionOverride('ReservedConcurrentExecutions');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding reserved concurrency fixes it', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    cfnOf(fn).addPropertyOverride('ReservedConcurrentExecutions', 20);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
