import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sam from 'aws-cdk-lib/aws-sam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaEnvSecretRule } from '../../../src/rules/lambda/env-secret';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaEnvSecretRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;
const GITHUB_TOKEN = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';

describe('SLS-LAMBDA-ENV-SECRET', () => {
  test.each<Scenario>([
    ['L2 with plain settings', (s) => newFunction(s, 'Fn', { environment: { TABLE_NAME: 'orders', LOG_LEVEL: 'INFO', PORT: '5432' } })],
    ['L2 with the ARN of a secret', (s) => newFunction(s, 'Fn', {
      environment: { DB_SECRET_ARN: new secretsmanager.Secret(s, 'DbSecret').secretArn },
    })],
    ['L2 with a secret-named variable holding a reference to a secret', (s) => newFunction(s, 'Fn', {
      environment: { DB_PASSWORD: new secretsmanager.Secret(s, 'DbSecret').secretName },
    })],
    ['L1 with the name of a SecureString parameter', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { API_KEY_PARAMETER_NAME: '/app/prod/api-key' } },
    })],
    ['L1 with a non-secret setting from a parameter', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { TABLE: new CfnParameter(s, 'TableName').valueAsString } },
    })],
    ['L2 with public and publishable keys (Stripe publishable key, VAPID public key, JWKS URL)', (s) => newFunction(s, 'Fn', {
      environment: {
        STRIPE_PUBLISHABLE_KEY: 'pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx0123456789',
        VAPID_PUBLIC_KEY: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
        JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf/.well-known/jwks.json',
      },
    })],
    ['L2 with the id (not the secret) of an access key', (s) => newFunction(s, 'Fn', {
      environment: { CI_ACCESS_KEY_ID: new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'Ci') }).accessKeyId },
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[]]>([
    ['L2 with a literal password', (s) => newFunction(s, 'Fn', { environment: { DB_PASSWORD: 'correct-horse-battery' } }),
      [{ kind: V, findingId: 'DB_PASSWORD' }]],
    ['L2 with an AWS access key under a neutral name', (s) => newFunction(s, 'Fn', { environment: { UPSTREAM: 'AKIAIOSFODNN7EXAMPLE' } }),
      [{ kind: V, findingId: 'UPSTREAM' }]],
    ['L1 with two secrets and a plain setting', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { GITHUB: GITHUB_TOKEN, STAGE: 'prod', STRIPE_API_KEY: 'not-so-secret-value' } },
    }), [{ kind: V, findingId: 'GITHUB' }, { kind: V, findingId: 'STRIPE_API_KEY' }]],
    ['L1 with a password assembled into a connection string', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { DB_URL: Fn.join('', ['postgres://admin:Sup3rS3cret@', new secretsmanager.Secret(s, 'S').secretName, ':5432/app']) } },
    }), [{ kind: V, findingId: 'DB_URL' }]],
    ['L2 with a secret value unwrapped into the environment (dynamic reference)', (s) => newFunction(s, 'Fn', {
      environment: { DB_PASSWORD: new secretsmanager.Secret(s, 'DbSecret').secretValue.unsafeUnwrap() },
    }), [{ kind: V, findingId: 'DB_PASSWORD' }]],
    ['L1 with a literal Secrets Manager dynamic reference', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { TOKEN: '{{resolve:secretsmanager:prod/api:SecretString:token}}' } },
    }), [{ kind: V, findingId: 'TOKEN' }]],
    ['L1 with an SSM SecureString dynamic reference under a neutral name', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { UPSTREAM: '{{resolve:ssm-secure:/app/upstream}}' } },
    }), [{ kind: V, findingId: 'UPSTREAM' }]],
    ['L2 with the secret of an IAM access key (Fn::GetAtt SecretAccessKey)', (s) => newFunction(s, 'Fn', {
      environment: { CI_KEY: new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'Ci') }).secretAccessKey.unsafeUnwrap() },
    }), [{ kind: V, findingId: 'CI_KEY' }]],
    ['L1 with a NoEcho parameter (a declared secret Lambda stores in clear), whatever the variable is called', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { UPSTREAM: new CfnParameter(s, 'Db', { noEcho: true }).valueAsString } },
    }), [{ kind: V, findingId: 'UPSTREAM' }]],
    ['L2 with the secret of a user pool client', (s) => newFunction(s, 'Fn', {
      environment: { OAUTH: new cognito.UserPool(s, 'Pool').addClient('C', { generateSecret: true }).userPoolClientSecret.unsafeUnwrap() },
    }), [{ kind: V, findingId: 'OAUTH' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(summary(checkRule(rule, stack))).toEqual(expected);
  });

  test('non-compliant: the finding names the variable, why, and where, never the value', () => {
    const stack = newStack();
    newFunction(stack, 'Fn', { environment: { DB_PASSWORD: 'correct-horse-battery' } });
    const [result] = checkRule(rule, stack);
    expect(result.detail).toMatch(/^Environment variable DB_PASSWORD holds a literal secret \(the name DB_PASSWORD suggests one\)/);
    expect(result.detail).not.toMatch(/correct-horse-battery/);
    expect(result.location).toBe('Properties/Environment/Variables/DB_PASSWORD');
  });

  test.each<Scenario>([
    ['an L2 function without environment', (s) => newFunction(s)],
    ['an L1 function without environment', (s) => newCfnFunction(s)],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], string, RegExp]>([
    ['a neutral variable from a secret-named parameter', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { DB_CONN: new CfnParameter(s, 'DbPassword').valueAsString } },
    }), 'DB_CONN', /name DbPassword suggests a secret.*parameter DbPassword/],
    ['a secret-named variable imported from another stack', (s) => newFunction(s, 'Fn', {
      environment: { API_TOKEN: Fn.importValue('ApiToken') },
    }), 'API_TOKEN', /Fn::ImportValue/],
    ['a secret-named variable from an SSM String parameter', (s) => newFunction(s, 'Fn', {
      environment: { SIGNING_KEY: ssm.StringParameter.valueForStringParameter(s, '/app/signing-key') },
    }), 'SIGNING_KEY', /parameter SsmParameterValue/],
  ])('token: %s is undecidable', (_name, build, variable, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: U, findingId: variable }]);
    expect(results[0].detail).toMatch(reason);
  });

  test('token: a variable map chosen by a condition is undecidable', () => {
    const stack = newStack();
    newCfnFunction(stack).addPropertyOverride('Environment.Variables', { 'Fn::If': ['IsProd', { A: '1' }, { A: '2' }] });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: U }]);
    expect(results[0].detail).toMatch(/condition IsProd/);
  });

  test('raw override: a token added with addPropertyOverride is reported', () => {
    const stack = newStack();
    cfnOf(newFunction(stack, 'Fn', { environment: { STAGE: 'prod' } })).addPropertyOverride('Environment.Variables.GH', GITHUB_TOKEN);
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V, findingId: 'GH' }]);
  });

  test('raw override: replacing the literal by a secret ARN fixes it', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { environment: { DB_PASSWORD: 'correct-horse-battery' } });
    cfnOf(fn).addPropertyDeletionOverride('Environment.Variables.DB_PASSWORD');
    cfnOf(fn).addPropertyOverride('Environment.Variables.DB_SECRET_ARN', new secretsmanager.Secret(stack, 'DbSecret').secretArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('SAM function: a literal secret in Environment.Variables is reported before the transform runs', () => {
    const stack = newStack();
    new sam.CfnFunction(stack, 'Sam', {
      runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://b/k.zip', environment: { variables: { DB_PASSWORD: 'correct-horse-battery', STAGE: 'prod' } },
    });
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V, findingId: 'DB_PASSWORD' }]);
  });
});
