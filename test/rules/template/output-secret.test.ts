import { CfnOutput, CfnParameter, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { AuditedResource } from '../../../src/core/audited-resource';
import { VerdictKind } from '../../../src/core/rule';
import { StackView } from '../../../src/core/stack-view';
import { TemplateOutputSecretRule } from '../../../src/rules/template';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new TemplateOutputSecretRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

/** Runs the rule on the stack's outputs as the deployed view presents them: one `Template::Output` entry per output. */
function checkOutputs(stack: Stack) {
  return checkRule(rule, stack).map((v) => ({ ...v, output: v.logicalId }));
}

describe('SLS-TEMPLATE-OUTPUT-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a secret ARN and an API URL', (s) => {
      new CfnOutput(s, 'DbSecretArn', { value: new secretsmanager.Secret(s, 'Db').secretArn });
      new CfnOutput(s, 'ApiUrl', { value: 'https://api.example.com' });
    }],
    ['an access key id (not its secret) and a client id', (s) => {
      new CfnOutput(s, 'CiAccessKeyId', { value: new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'Ci') }).accessKeyId });
      new CfnOutput(s, 'ClientId', { value: new cognito.UserPool(s, 'Pool').addClient('C').userPoolClientId });
    }],
    ['a publishable key', (s) => new CfnOutput(s, 'StripePublishableKey', { value: 'pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx0123456789' })],
    ['an AppSync API key, which every client of a public API holds', (s) => new CfnOutput(s, 'GraphQLApiKey', {
      value: new appsync.CfnApiKey(s, 'Key', { apiId: 'api' }).attrApiKey,
    })],
    ['a non-secret parameter', (s) => new CfnOutput(s, 'Stage', { value: new CfnParameter(s, 'StageName').valueAsString })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkOutputs(stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, object[]]>([
    ['an access key secret (the classic CI-user leak)', (s) => {
      const key = new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'Ci') });
      new CfnOutput(s, 'CiSecret', { value: key.secretAccessKey.unsafeUnwrap() });
    }, [{ kind: V, output: 'CiSecret', detail: expect.stringMatching(/secret access key of AWS::IAM::AccessKey/) }]],
    ['a secret value unwrapped (dynamic reference), exported', (s) => {
      new CfnOutput(s, 'DbPassword', { value: new secretsmanager.Secret(s, 'Db').secretValue.unsafeUnwrap(), exportName: 'DbPassword' });
    }, [{ kind: V, output: 'DbPassword', detail: expect.stringMatching(/dynamic reference.*ListExports/) }]],
    ['a client secret', (s) => {
      new CfnOutput(s, 'Oauth', { value: new cognito.UserPool(s, 'Pool').addClient('C', { generateSecret: true }).userPoolClientSecret.unsafeUnwrap() });
    }, [{ kind: V, output: 'Oauth' }]],
    ['a literal token', (s) => new CfnOutput(s, 'GithubToken', { value: 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' }), [{ kind: V, output: 'GithubToken' }]],
    ['SecretValue.unsafePlainText unwrapped', (s) => new CfnOutput(s, 'AdminPassword', { value: SecretValue.unsafePlainText('hunter2-hunter2').unsafeUnwrap() }),
      [{ kind: V, output: 'AdminPassword' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(checkOutputs(stack)).toMatchObject(expected);
  });

  test('a NoEcho parameter is a declared secret, which outputs show in clear', () => {
    const stack = newStack();
    new CfnOutput(stack, 'Echo', { value: new CfnParameter(stack, 'DbPasswordParam', { noEcho: true }).valueAsString });
    expect(checkOutputs(stack)).toMatchObject([{ kind: V, output: 'Echo', detail: expect.stringMatching(/NoEcho parameter DbPasswordParam/) }]);
  });

  test('token: a secret-named output of a parameter or an import is undecidable', () => {
    const stack = newStack();
    new CfnOutput(stack, 'DbPassword', { value: new CfnParameter(stack, 'DbPasswordParam').valueAsString });
    new CfnOutput(stack, 'ApiToken', { value: Fn.importValue('SharedToken') });
    expect(checkOutputs(stack)).toMatchObject([
      { kind: U, output: 'DbPassword', detail: expect.stringMatching(/parameter DbPasswordParam/) },
      { kind: U, output: 'ApiToken', detail: expect.stringMatching(/Fn::ImportValue/) },
    ]);
  });

  test('a secret attribute inside an assembled value (Fn::Join) is caught', () => {
    const stack = newStack();
    new CfnOutput(stack, 'Endpoint', { value: 'https://api.example.com' });
    const key = new iam.AccessKey(stack, 'Key', { user: new iam.User(stack, 'Ci') });
    new CfnOutput(stack, 'Extra', { value: Fn.join('', ['key=', key.secretAccessKey.unsafeUnwrap()]) });
    expect(checkOutputs(stack)).toMatchObject([{ kind: V, output: 'Extra' }]);
  });

  test('raw template JSON: a Fn::Sub of an access key secret', () => {
    const template = {
      Resources: { Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'ci' } } },
      Outputs: { Creds: { Value: { 'Fn::Sub': 'AWS_SECRET_ACCESS_KEY=${Key.SecretAccessKey}' } } },
    };
    const view = new StackView('Raw', template);
    const output = new AuditedResource('Creds', 'Template::Output', template.Outputs.Creds, undefined, undefined);
    expect(rule.check(output, view)).toMatchObject([{ kind: V }]);
  });
});
