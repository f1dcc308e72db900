import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sam from 'aws-cdk-lib/aws-sam';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaUrlAuthRule } from '../../../src/rules/lambda/url-auth';
import { checkRule, newStack } from '../rule-test-helpers';
import { newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaUrlAuthRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

describe('SLS-LAMBDA-URL-AUTH', () => {
  test.each<Scenario>([
    ['L2 URL with AWS_IAM auth', (s) => newFunction(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })],
    ['L2 URL with AWS_IAM auth and explicit origins with credentials', (s) => newFunction(s).addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM, cors: { allowedOrigins: ['https://app.example.com'], allowCredentials: true },
    })],
    ['L2 URL with AWS_IAM auth and every origin without credentials', (s) => newFunction(s).addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM, cors: { allowedOrigins: ['*'] },
    })],
    ['L1 URL with AWS_IAM auth', (s) => new lambda.CfnUrl(s, 'Url', {
      authType: 'AWS_IAM', targetFunctionArn: newCfnFunction(s).attrArn,
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[]]>([
    ['L2 URL with auth NONE', (s) => newFunction(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }), [{ kind: V }]],
    ['L1 URL with auth NONE', (s) => new lambda.CfnUrl(s, 'Url', { authType: 'NONE', targetFunctionArn: newCfnFunction(s).attrArn }),
      [{ kind: V }]],
    ['L2 URL with every origin and credentials', (s) => newFunction(s).addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM, cors: { allowedOrigins: ['https://a.example.com', '*'], allowCredentials: true },
    }), [{ kind: V, findingId: 'cors' }]],
    ['L2 public URL with every origin and credentials', (s) => newFunction(s).addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['*'], allowCredentials: true },
    }), [{ kind: V }, { kind: V, findingId: 'cors' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(summary(checkRule(rule, stack))).toEqual(expected);
  });

  test('non-compliant: the finding names the auth type and where it is', () => {
    const stack = newStack();
    newFunction(stack).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const [result] = checkRule(rule, stack);
    expect(result.detail).toMatch(/auth type NONE/);
    expect(result.location).toBe('Properties/AuthType');
    expect(result.logicalId).toMatch(/^FnFunctionUrl/);
  });

  test.each<Scenario>([
    ['a function without URL', (s) => newFunction(s)],
    ['an L1 function without URL', (s) => newCfnFunction(s)],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: auth type from a parameter is undecidable and names the parameter', () => {
    const stack = newStack();
    const authType = new CfnParameter(stack, 'UrlAuthType', { type: 'String' });
    new lambda.CfnUrl(stack, 'Url', { authType: authType.valueAsString, targetFunctionArn: newCfnFunction(stack).attrArn });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: U }]);
    expect(results[0].detail).toMatch(/parameter UrlAuthType/);
  });

  test('token: credentials from an import with every origin is undecidable for CORS', () => {
    const stack = newStack();
    new lambda.CfnUrl(stack, 'Url', {
      authType: 'AWS_IAM',
      targetFunctionArn: newCfnFunction(stack).attrArn,
      cors: { allowOrigins: ['*'], allowCredentials: Fn.importValue('AllowCredentials') as any },
    });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: U, findingId: 'cors' }]);
    expect(results[0].detail).toMatch(/Fn::ImportValue/);
  });

  test('token: unknown origins do not matter when credentials are off', () => {
    const stack = newStack();
    const origin = new CfnParameter(stack, 'Origin', { type: 'String' });
    newFunction(stack).addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM, cors: { allowedOrigins: [origin.valueAsString], allowCredentials: false },
    });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: AuthType NONE on an AWS_IAM URL is reported', () => {
    const stack = newStack();
    const url = newFunction(stack).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    (url.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', 'NONE');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: AWS_IAM on a public URL fixes it', () => {
    const stack = newStack();
    const url = newFunction(stack).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    (url.node.defaultChild as lambda.CfnUrl).addPropertyOverride('AuthType', 'AWS_IAM');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('SAM functions (AWS::Serverless::Function FunctionUrlConfig), judged before the transform runs', () => {
    const samFunction = (s: Stack, functionUrlConfig?: any) => new sam.CfnFunction(s, 'Sam', {
      runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://b/k.zip', functionUrlConfig,
    });

    test('AuthType AWS_IAM is compliant; no URL is not applicable', () => {
      const stack = newStack();
      samFunction(stack, { authType: 'AWS_IAM' });
      new sam.CfnFunction(stack, 'NoUrl', { runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://b/k.zip' });
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test('AuthType NONE, and CORS * with credentials, are violations', () => {
      const stack = newStack();
      // SAM's FunctionUrlConfig.Cors has the Lambda URL shape, which the L1's (API Gateway) cors type refuses: an override.
      samFunction(stack, { authType: 'NONE' }).addPropertyOverride('FunctionUrlConfig.Cors', { AllowOrigins: ['*'], AllowCredentials: true });
      const results = checkRule(rule, stack);
      expect(summary(results)).toEqual([{ kind: V }, { kind: V, findingId: 'cors' }]);
      expect(results[0].location).toBe('Properties/FunctionUrlConfig/AuthType');
    });

    test('token: an auth type from a parameter is undecidable', () => {
      const stack = newStack();
      samFunction(stack, { authType: new CfnParameter(stack, 'UrlAuth').valueAsString });
      expect(summary(checkRule(rule, stack))).toEqual([{ kind: U }]);
    });

    test('raw override: an IAM URL opened through addPropertyOverride is caught', () => {
      const stack = newStack();
      samFunction(stack, { authType: 'AWS_IAM' }).addPropertyOverride('FunctionUrlConfig.AuthType', 'NONE');
      expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
    });
  });
});
