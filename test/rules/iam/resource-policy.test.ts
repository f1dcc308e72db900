import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Severity, VerdictKind } from '../../../src/core';

import { IamResourcePolicyRule } from '../../../src/rules/iam';
import { checkRule, newStack, resourcesOf } from '../rule-test-helpers';

const rule = new IamResourcePolicyRule();

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=1'),
  });
}

function allowOnKey(stack: Stack, principal: iam.IPrincipal, conditions?: { [operator: string]: any }): kms.Key {
  const key = new kms.Key(stack, 'K');
  key.addToResourcePolicy(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'], principals: [principal], conditions }));
  return key;
}

function allowOnSecret(stack: Stack, principal: iam.IPrincipal): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(stack, 'S');
  secret.addToResourcePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['*'], principals: [principal] }));
  return secret;
}

describe('SLS-IAM-RESOURCE-POLICY', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a key with the default key policy (this account\'s root)', (stack) => new kms.Key(stack, 'K')],
    ['key.grantDecrypt to a function (the grant goes to the role\'s policy)', (stack) => new kms.Key(stack, 'K').grantDecrypt(fn(stack))],
    ['a key that encrypts a log group (the logs service, scoped by encryption context)', (stack) => {
      const key = new kms.Key(stack, 'K');
      key.addToResourcePolicy(new iam.PolicyStatement({
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
        resources: ['*'],
        principals: [new iam.ServicePrincipal('logs.amazonaws.com')],
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${stack.region}:${stack.account}:log-group:*` } },
      }));
      new logs.LogGroup(stack, 'L', { encryptionKey: key });
    }],
    ['a service on the key with aws:SourceAccount', (stack) => allowOnKey(stack, new iam.ServicePrincipal('events.amazonaws.com'),
      { StringEquals: { 'aws:SourceAccount': stack.account } })],
    ['a secret whose resource policy names a function role', (stack) => {
      const f = fn(stack);
      allowOnSecret(stack, f.role!);
    }],
    ['anyone in my organization on a secret', (stack) => allowOnSecret(stack, new iam.AnyPrincipal().withConditions({
      StringEquals: { 'aws:PrincipalOrgID': 'o-abc' },
    }))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a secret.grantRead, which writes no resource policy', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'S').grantRead(fn(stack));
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string, string, Severity]>([
    ['anyone on a key (L2 addToResourcePolicy)', (stack) => allowOnKey(stack, new iam.AnyPrincipal()), 'AWS::KMS::Key', 'Statement1', Severity.ERROR],
    ['anyone on a secret (L2 addToResourcePolicy)', (stack) => allowOnSecret(stack, new iam.AnyPrincipal()),
      'AWS::SecretsManager::ResourcePolicy', 'Statement0', Severity.ERROR],
    ['a service on a key without a source condition', (stack) => allowOnKey(stack, new iam.ServicePrincipal('events.amazonaws.com')),
      'AWS::KMS::Key', 'Statement1', Severity.WARNING],
    ['NotPrincipal on an L1 secret policy', (stack) => new secretsmanager.CfnResourcePolicy(stack, 'P', {
      secretId: new secretsmanager.Secret(stack, 'S').secretArn,
      resourcePolicy: { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] },
    }), 'AWS::SecretsManager::ResourcePolicy', 'Statement0', Severity.ERROR],
  ])('non-compliant: %s', (_name, build, type, findingId, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
    expect(results[0].severity ?? rule.severity).toBe(severity);
    expect(resourcesOf(stack, type).map((r) => r.logicalId)).toContain(results[0].logicalId);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Reader').valueAsString, /parameter Reader/],
    ['Fn::ImportValue', () => Fn.importValue('Reader'), /Fn::ImportValue/],
  ])('undecidable: a key policy principal from %s', (_name, arn, reason) => {
    const stack = newStack();
    allowOnKey(stack, new iam.ArnPrincipal(arn(stack)));
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.UNDECIDABLE);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride opens the default key policy to everyone', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    (key.node.defaultChild as kms.CfnKey).addPropertyOverride('KeyPolicy.Statement.0.Principal', { AWS: '*' });
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'Statement0']]);
  });

  test('raw override: addPropertyOverride scopes a service grant with aws:SourceArn', () => {
    const stack = newStack();
    const key = allowOnKey(stack, new iam.ServicePrincipal('events.amazonaws.com'));
    (key.node.defaultChild as kms.CfnKey).addPropertyOverride('KeyPolicy.Statement.1.Condition',
      { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111111111111:rule/r' } });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
