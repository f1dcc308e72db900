import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { StackKey } from '../../../src/constructs/common/stack-key';

function newStack(): Stack {
  return new Stack(new App({ builtinCloudFormationValidation: false } as never), 'S');
}

describe('StackKey', () => {
  test('one rotating, retained key per stack', () => {
    const stack = newStack();
    expect(StackKey.exists(stack)).toBe(false);
    const key = StackKey.of(stack);
    expect(StackKey.of(stack)).toBe(key);
    expect(StackKey.exists(stack)).toBe(true);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
  });

  test('allowService adds one statement per service, limited to this account', () => {
    const stack = newStack();
    StackKey.allowService(stack, 'sns');
    StackKey.allowService(stack, 'sns');
    StackKey.allowService(stack, 'events');
    const statements = Template.fromStack(stack).findResources('AWS::KMS::Key');
    const policy = Object.values(statements)[0].Properties.KeyPolicy.Statement as Array<Record<string, any>>;
    const sns = policy.filter((s) => s.Sid === 'AllowsnsOfThisAccount');
    expect(sns).toHaveLength(1);
    expect(sns[0]).toEqual(expect.objectContaining({
      Principal: { Service: 'sns.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    }));
    expect(policy.filter((s) => s.Sid === 'AlloweventsOfThisAccount')).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudWatchLogsOfThisAccount' })]) },
    });
  });
});
