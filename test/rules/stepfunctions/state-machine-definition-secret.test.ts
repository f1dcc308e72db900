import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { VerdictKind } from '../../../src/core';

import { StepFunctionsDefinitionSecretRule } from '../../../src/rules/stepfunctions';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new StepFunctionsDefinitionSecretRule();
const STRIPE_KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

function machine(stack: Stack, parameters: { [key: string]: any }): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'M', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Call', { parameters })),
  });
}

describe('SLS-SFN-DEFINITION-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a Lambda task and plain parameters (Fn::Join definition)', (stack) => new sfn.StateMachine(stack, 'M', {
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(stack, 'Invoke', {
        lambdaFunction: new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=1') }),
        payload: sfn.TaskInput.fromObject({ 'mode': 'batch', 'orderId.$': '$.id' }),
      })),
    })],
    ['a reference to a secret (its ARN) under a secret-looking name', (stack) => machine(stack, { DbSecretArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf' })],
    ['a JSONPath value under a secret name', (stack) => machine(stack, { 'Password.$': '$.input.password' })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without state machines', () => {
    const stack = newStack();
    new sfn.Pass(stack, 'Orphan');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['a vendor key by value (L2 Pass parameters)', (stack) => machine(stack, { Headers: { Key: STRIPE_KEY } }), 'DefinitionString.States.Call.Parameters.Headers.Key'],
    ['a literal under a secret name (L2)', (stack) => machine(stack, { Password: 'hunter2hunter2' }), 'DefinitionString.States.Call.Parameters.Password'],
    ['an access key in the Definition object of an L1 state machine', (stack) => new sfn.CfnStateMachine(stack, 'M', {
      roleArn: 'arn:aws:iam::111111111111:role/r',
      definition: { StartAt: 'A', States: { A: { Type: 'Pass', Result: { id: 'AKIAIOSFODNN7EXAMPLE' }, End: true } } },
    }), 'Definition.States.A.Result.id'],
    ['a secret in DefinitionSubstitutions', (stack) => new sfn.CfnStateMachine(stack, 'M', {
      roleArn: 'arn:aws:iam::111111111111:role/r',
      definitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"${Token}","End":true}}}',
      definitionSubstitutions: { ApiToken: STRIPE_KEY },
    }), 'DefinitionSubstitutions.ApiToken'],
  ])('non-compliant: %s', (_name, build, findingId) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'ApiPassword').valueAsString, /parameter ApiPassword/],
    ['Fn::ImportValue', () => Fn.importValue('SharedPassword'), /Fn::ImportValue/],
  ])('undecidable: a secret-named value from %s (it would be stored in the definition)', (_name, value, reason) => {
    const stack = newStack();
    machine(stack, { Password: value(stack) });
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, 'DefinitionString.States.Call.Parameters.Password']]);
    expect(results[0].detail).toMatch(reason);
  });

  test('a non-secret name filled from a parameter is not a finding', () => {
    const stack = newStack();
    machine(stack, { Stage: new CfnParameter(stack, 'Stage').valueAsString });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: addPropertyOverride puts a secret into the definition', () => {
    const stack = newStack();
    const m = machine(stack, { mode: 'batch' });
    (m.node.defaultChild as sfn.CfnStateMachine).addPropertyOverride('DefinitionSubstitutions', { GithubToken: 'ghp_' + 'a'.repeat(36) });
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['DefinitionSubstitutions.GithubToken']);
  });

  test('raw override: addPropertyOverride replaces a definition holding a secret', () => {
    const stack = newStack();
    const m = new sfn.CfnStateMachine(stack, 'M', {
      roleArn: 'arn:aws:iam::111111111111:role/r',
      definition: { StartAt: 'A', States: { A: { Type: 'Pass', Result: { password: 'hunter2hunter2' }, End: true } } },
    });
    m.addPropertyDeletionOverride('Definition.States.A.Result.password');
    m.addPropertyOverride('Definition.States.A.Result.secretArn', 'arn:aws:secretsmanager:us-east-1:111111111111:secret:x');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('definitions built with Fn::Sub and DefinitionSubstitutions (#16.4)', () => {
    const role = 'arn:aws:iam::111111111111:role/r';

    test('a literal secret in a DefinitionString built with Fn::Sub', () => {
      const stack = newStack();
      const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
      new sfn.CfnStateMachine(stack, 'M', {
        roleArn: role,
        definitionString: Fn.sub('{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${Fn}","Parameters":{"Password":"hunter2hunter2","Region":"${AWS::Region}"},"End":true}}}', { Fn: fn.functionArn }),
      });
      expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'DefinitionString.States.A.Parameters.Password']]);
    });

    test('a secret placed by a Fn::Sub variable lands under its JSON key', () => {
      const stack = newStack();
      new sfn.CfnStateMachine(stack, 'M', {
        roleArn: role,
        definitionString: Fn.sub('{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"apiKey":"${Key}"},"End":true}}}', { Key: STRIPE_KEY }),
      });
      expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'DefinitionString.States.A.Result.apiKey']]);
    });

    test('a DefinitionSubstitutions value is judged under the JSON key it fills (secret by name only there)', () => {
      const stack = newStack();
      new sfn.CfnStateMachine(stack, 'M', {
        roleArn: role,
        definitionString: '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"Password":"${DbPass}"},"End":true}}}',
        definitionSubstitutions: { DbPass: 'hunter2hunter2' },
      });
      expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'DefinitionString.States.A.Result.Password']]);
    });

    test('an escaped ${!Name} of Fn::Sub is left for DefinitionSubstitutions, which fills it', () => {
      const stack = newStack();
      new sfn.CfnStateMachine(stack, 'M', {
        roleArn: role,
        definitionString: Fn.sub('{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"token":"${!Tok}","arn":"${AWS::Partition}"},"End":true}}}'),
        definitionSubstitutions: { Tok: 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' },
      });
      expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'DefinitionString.States.A.Result.token']]);
    });

    test('token: a Fn::Sub variable from a parameter under a secret key is undecidable; references are fine', () => {
      const stack = newStack();
      const secret = new CfnParameter(stack, 'PartnerSecret');
      new sfn.CfnStateMachine(stack, 'M', {
        roleArn: role,
        definitionString: Fn.sub('{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"clientSecret":"${S}","stage":"${Stage}"},"End":true}}}', {
          S: secret.valueAsString, Stage: new CfnParameter(stack, 'Stage').valueAsString,
        }),
      });
      const results = checkRule(rule, stack);
      expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, 'DefinitionString.States.A.Result.clientSecret']]);
      expect(results[0].detail).toMatch(/parameter PartnerSecret/);
    });
  });
});
