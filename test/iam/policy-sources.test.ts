import { StackView } from '../../src/core/stack-view';
import { PolicyKind } from '../../src/iam/policy-source';
import { PolicySources } from '../../src/iam/policy-sources';

const view = new StackView('Stack', {
  Resources: {
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [{ PolicyName: 'Inline', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }],
      },
    },
    Policy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'Standalone',
        Roles: [{ Ref: 'Role' }, 'imported-role'],
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
      },
    },
    Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
    Invoke: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Principal: 'apigateway.amazonaws.com', SourceArn: 'arn:aws:execute-api:eu-west-1:111122223333:abc/*' },
    },
  },
});

describe('PolicySources', () => {
  test('a role carries its trust policy and each inline policy, applying to itself', () => {
    const sources = PolicySources.of(view.resource('Role')!, view);
    expect(sources.map((s) => [s.kind, s.location, s.policyName, s.appliesTo])).toEqual([
      [PolicyKind.TRUST, 'Properties/AssumeRolePolicyDocument', undefined, ['Role']],
      [PolicyKind.IDENTITY, 'Properties/Policies/0/PolicyDocument', 'Inline', ['Role']],
    ]);
  });

  test('a standalone policy applies to the roles it references, and names the ones it cannot follow', () => {
    const [source] = PolicySources.of(view.resource('Policy')!, view);
    expect(source.kind).toBe(PolicyKind.IDENTITY);
    expect(source.policyName).toBe('Standalone');
    expect(source.appliesTo).toEqual(['Role']);
    expect(source.appliesToExternal?.map((v) => v.text)).toEqual(['imported-role']);
  });

  test('a Lambda permission is one resource-policy statement on its function, its source ARN a condition', () => {
    const [source] = PolicySources.of(view.resource('Invoke')!, view);
    expect(source.kind).toBe(PolicyKind.RESOURCE);
    expect(source.appliesTo).toEqual(['Fn']);
    expect(source.policy.statements[0].conditions.map((c) => c.key)).toEqual(['aws:SourceArn']);
  });

  test('a type that carries no policy has none', () => {
    expect(PolicySources.of(view.resource('Fn')!, view)).toEqual([]);
  });

  test('each resource is read once: later calls return the same list, frozen so no caller can change it for others', () => {
    const role = view.resource('Role')!;
    const first = PolicySources.of(role, view);
    expect(PolicySources.of(role, view)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first as any[]).push({})).toThrow(TypeError);
  });
});
