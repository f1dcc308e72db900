import { CfnParameter, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { VerdictKind } from '../../../src/core/rule';
import { SecretsManagerSecretLiteralRule } from '../../../src/rules/secretsmanager';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SecretsManagerSecretLiteralRule();
const V = VerdictKind.VIOLATION;

describe('SLS-SECRETSMANAGER-LITERAL', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a generated value (the L2 default)', (s) => new secretsmanager.Secret(s, 'S')],
    ['a generated password inside a JSON template', (s) => new secretsmanager.Secret(s, 'S', {
      generateSecretString: { secretStringTemplate: JSON.stringify({ username: 'admin' }), generateStringKey: 'password' },
    })],
    ['literal non-secret fields next to a resource attribute', (s) => {
      const key = new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'Ci') });
      new secretsmanager.Secret(s, 'S', {
        secretObjectValue: { username: SecretValue.unsafePlainText('ci'), database: SecretValue.unsafePlainText('orders'), password: key.secretAccessKey },
      });
    }],
    ['a copy of another secret (dynamic reference)', (s) => new secretsmanager.Secret(s, 'S', {
      secretStringValue: secretsmanager.Secret.fromSecretNameV2(s, 'Other', 'prod/other').secretValue,
    })],
    ['a value from a (NoEcho) parameter', (s) => new secretsmanager.CfnSecret(s, 'S', {
      secretString: new CfnParameter(s, 'Value', { noEcho: true }).valueAsString,
    })],
    ['an obvious placeholder, set out of band', (s) => new secretsmanager.CfnSecret(s, 'S', { secretString: 'CHANGE_ME' })],
    ['the secret of an RDS instance (generated)', (s) => new rds.DatabaseSecret(s, 'Db', { username: 'admin' })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, object[]]>([
    ['SecretValue.unsafePlainText on the L2', (s) => new secretsmanager.Secret(s, 'S', {
      secretStringValue: SecretValue.unsafePlainText('hunter2-hunter2'),
    }), [{ kind: V, findingId: undefined }]],
    ['a literal password field of secretObjectValue', (s) => new secretsmanager.Secret(s, 'S', {
      secretObjectValue: { username: SecretValue.unsafePlainText('admin'), password: SecretValue.unsafePlainText('hunter2-hunter2') },
    }), [{ kind: V, findingId: 'password' }]],
    ['an L1 JSON literal with an API key of a known format under a neutral field', (s) => new secretsmanager.CfnSecret(s, 'S', {
      secretString: JSON.stringify({ provider: 'github', value: 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' }),
    }), [{ kind: V, findingId: 'value' }]],
    ['a value assembled around a literal connection password', (s) => new secretsmanager.CfnSecret(s, 'S', {
      secretString: Fn.join('', ['postgres://admin:Sup3rS3cret@', new secretsmanager.Secret(s, 'Other').secretName, '/db']),
    }), [{ kind: V }]],
    ['a value imported from another stack', (s) => new secretsmanager.CfnSecret(s, 'S', { secretString: Fn.importValue('SharedPassword') }),
      [{ kind: V, detail: expect.stringMatching(/export SharedPassword/) }]],
    ['a value from a parameter without NoEcho (DescribeStacks shows it)', (s) => new secretsmanager.CfnSecret(s, 'S', {
      secretString: new CfnParameter(s, 'Value').valueAsString,
    }), [{ kind: V, detail: expect.stringMatching(/parameter Value, which is not NoEcho/) }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toMatchObject(expected);
  });

  test('the finding says what is wrong first and never shows the value', () => {
    const stack = newStack();
    new secretsmanager.Secret(stack, 'S', { secretStringValue: SecretValue.unsafePlainText('hunter2-hunter2') });
    const [result] = checkRule(rule, stack);
    expect(result.detail).toMatch(/^Secret S\w+ has a literal value \(SecretString\) written in the template\.$/);
    expect(result.detail).not.toMatch(/hunter2/);
  });

  test('raw override: a generated secret overridden with a literal value is caught', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'S');
    const cfn = secret.node.defaultChild as secretsmanager.CfnSecret;
    cfn.addPropertyDeletionOverride('GenerateSecretString');
    cfn.addPropertyOverride('SecretString', 'hunter2-hunter2');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V }]);
  });
});
