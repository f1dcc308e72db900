import { CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { VerdictKind } from '../../../src/core';
import { LambdaCodeSecretRule } from '../../../src/rules/lambda';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new LambdaCodeSecretRule();

function inline(stack: Stack, code: string): lambda.Function {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(code) });
}

describe('SLS-LAMBDA-CODE-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['code that reads its secret at run time', (stack) => inline(stack,
      'const { SecretsManagerClient } = require("@aws-sdk/client-secrets-manager"); exports.handler = async () => process.env.API_KEY_SECRET_ARN;')],
    ['hashes, identifiers and a secret-looking name with a harmless value', (stack) => inline(stack,
      'const apiKeyHeader = "x-api-key"; const etag = "d41d8cd98f00b204e9800998ecf8427e"; const id = "7f3c9a2e-1b4d-4e8f-9a6c-2d5e8f1a3b7c";')],
    ['code from an asset', (stack) => new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(__dirname),
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a Stripe key in a string', (stack) => inline(stack, 'const stripe = require("stripe")("sk_live_4eC39HqLyjWDarjtT1zdp7dc");')],
    ['an AWS access key id', (stack) => inline(stack, 'const creds = { accessKeyId: \'AKIAIOSFODNN7EXAMPLE\' };')],
    ['a connection string with its password', (stack) => inline(stack, 'const url = `postgres://app:Sup3rS3cret@db.internal:5432/app`;')],
    ['a secret resolved into the code by CloudFormation', (stack) => inline(stack,
      `const key = "${new secretsmanager.Secret(stack, 'S').secretValue.unsafeUnwrap()}";`)],
    ['a SAM function\'s InlineCode', (stack) => new CfnResource(stack, 'Fn', {
      type: 'AWS::Serverless::Function', properties: { Runtime: 'python3.12', Handler: 'index.handler', InlineCode: 'TOKEN = "ghp_0123456789abcdefABCDEF0123456789abcd"' },
    })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('token: code assembled around a parameter is judged on its literal parts', () => {
    const stack = newStack();
    const region = new CfnParameter(stack, 'Region').valueAsString;
    inline(stack, Fn.join('', ['const region = "', region, '"; const key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";']));
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride puts a key into the code of a function built from an asset', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(__dirname) });
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Code', { ZipFile: 'const k = "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";' });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
