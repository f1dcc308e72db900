import { viewOfTemplate } from './engine-test-helpers';
import { ValueKind } from '../../src/core/resolved-value';
import { StackView } from '../../src/core/stack-view';

const view = viewOfTemplate({
  Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
  Role: { Type: 'AWS::IAM::Role' },
  Policy: { Type: 'AWS::IAM::Policy', Properties: { Roles: [{ Ref: 'Role' }] } },
  Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'Fn' } }] } },
  Sub: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { 'Fn::Sub': '${Fn}-topic' } } },
  Self: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'self', Value: { Ref: 'Self' } }] } },
}, { DbPassword: { Type: 'String', NoEcho: true } });

describe('StackView.resolve', () => {
  test('a literal is known as is', () => {
    expect(view.resolve({ Mode: 'Active', Sizes: [1, 2] })).toEqual({ kind: ValueKind.LITERAL, value: { Mode: 'Active', Sizes: [1, 2] }, referencedLogicalIds: [] });
  });

  test('a Ref to a resource of the stack is a resource reference', () => {
    expect(view.resolve({ Ref: 'Role' })).toEqual({
      kind: ValueKind.RESOURCE_REFERENCE, value: '${Role}', referencedLogicalIds: ['Role'], referencedType: 'AWS::IAM::Role',
    });
  });

  test('a GetAtt to a resource of the stack is a resource reference', () => {
    expect(view.resolve({ 'Fn::GetAtt': ['Role', 'Arn'] })).toMatchObject({ kind: ValueKind.RESOURCE_REFERENCE, value: '${Role.Arn}', referencedLogicalIds: ['Role'] });
    expect(view.resolve({ 'Fn::GetAtt': 'Role.Arn' })).toMatchObject({ kind: ValueKind.RESOURCE_REFERENCE, value: '${Role.Arn}' });
  });

  test('an ARN joined from pseudo parameters and resources is known at deploy time', () => {
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { 'Fn::GetAtt': ['Fn', 'Arn'] }]] };
    expect(view.resolve(arn)).toEqual({
      kind: ValueKind.DEPLOY_TIME,
      value: 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Fn.Arn}',
      referencedLogicalIds: ['Fn'],
    });
  });

  test('Fn::Sub renders resources, attributes and its own variables', () => {
    expect(view.resolve({ 'Fn::Sub': ['${Role.Arn}/${Name}/${AWS::Region}', { Name: 'x' }] })).toEqual({
      kind: ValueKind.DEPLOY_TIME, value: '${Role.Arn}/x/${AWS::Region}', referencedLogicalIds: ['Role'],
    });
  });

  test('Fn::ImportValue is external and names the export', () => {
    expect(view.resolve({ 'Fn::ImportValue': 'SharedKeyArn' })).toMatchObject({ kind: ValueKind.EXTERNAL, unknownReason: 'Fn::ImportValue "SharedKeyArn"' });
  });

  test('a parameter is external and named', () => {
    expect(view.resolve({ Ref: 'DbPassword' })).toMatchObject({ kind: ValueKind.EXTERNAL, unknownReason: 'parameter DbPassword' });
    expect(view.isParameter('DbPassword')).toBe(true);
    expect(view.isParameter('Role')).toBe(false);
  });

  test('a reference to a logical id the stack does not define is external', () => {
    expect(view.resolve({ Ref: 'InAnotherStack' })).toMatchObject({ kind: ValueKind.EXTERNAL, unknownReason: 'reference to InAnotherStack, which this stack does not define' });
  });

  test('Fn::If depends on a condition and is external', () => {
    expect(view.resolve({ 'Fn::If': ['IsProd', 'Active', 'PassThrough'] })).toMatchObject({ kind: ValueKind.EXTERNAL, unknownReason: 'condition IsProd' });
  });

  test('a dynamic reference is external, nested or not', () => {
    expect(view.resolve('{{resolve:secretsmanager:db:SecretString:password}}')).toMatchObject({ kind: ValueKind.EXTERNAL });
    expect(view.resolve({ Variables: { PASSWORD: '{{resolve:ssm:/db/pw}}' } }).unknownReason).toMatch(/dynamic reference \{\{resolve:ssm:\/db\/pw\}\}/);
  });
});

describe('StackView references', () => {
  test('referencedResource follows Ref and GetAtt', () => {
    expect(view.referencedResource({ 'Fn::GetAtt': ['Role', 'Arn'] })?.logicalId).toBe('Role');
    expect(view.referencedResource({ Ref: 'Fn' })?.resourceType).toBe('AWS::Lambda::Function');
    expect(view.referencedResource({ Ref: 'Missing' })).toBeUndefined();
    expect(view.referencedResource('Role')).toBeUndefined();
  });

  test('referencingResources is the reverse index, through Ref, GetAtt and Sub, optionally by type', () => {
    expect(view.referencingResources('Role').map((r) => r.logicalId).sort()).toEqual(['Fn', 'Policy']);
    expect(view.referencingResources('Role', 'AWS::IAM::Policy').map((r) => r.logicalId)).toEqual(['Policy']);
    expect(view.referencingResources('Fn').map((r) => r.logicalId).sort()).toEqual(['Alarm', 'Sub']);
    expect(view.referencingResources('Alarm')).toEqual([]);
  });

  test('a resource referring to itself is not its own referrer', () => {
    expect(view.referencingResources('Self')).toEqual([]);
  });

  test('resourcesOfType and resource index the template', () => {
    expect(view.resourcesOfType('AWS::IAM::Role').map((r) => r.logicalId)).toEqual(['Role']);
    expect(view.resourcesOfType('AWS::S3::Bucket')).toEqual([]);
    expect(view.resource('Fn')?.property('Role')).toEqual({ 'Fn::GetAtt': ['Role', 'Arn'] });
  });
});

describe('StackView parameters', () => {
  const withParameters = new StackView('S', {
    Parameters: {
      DbPassword: { Type: 'String', NoEcho: true },
      Legacy: { Type: 'String', NoEcho: 'true' },
      Stage: { Type: 'AWS::SSM::Parameter::Value<String>' },
      Broken: null,
    },
  });

  test('say which parameters the author declared NoEcho (a secret)', () => {
    expect(['DbPassword', 'Legacy', 'Stage', 'Broken', 'Missing'].map((n) => withParameters.isNoEchoParameter(n))).toEqual([true, true, false, false, false]);
  });

  test('give each parameter\'s declared type', () => {
    expect(withParameters.parameterType('Stage')).toBe('AWS::SSM::Parameter::Value<String>');
    expect(withParameters.parameterType('Broken')).toBeUndefined();
    expect(withParameters.parameterType('Missing')).toBeUndefined();
    expect(withParameters.isParameter('Broken')).toBe(true);
  });
});

describe('StackView: aws-cdk-lib custom resources whose physical id the template determines', () => {
  test('an OIDC provider (iam.OpenIdConnectProvider) is the provider ARN of its URL', () => {
    const oidc = new StackView('S', {
      Resources: {
        GitHub: { Type: 'Custom::AWSCDKOpenIdConnectProvider', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
        Other: { Type: 'Custom::Anything', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
      },
    });
    expect(oidc.resolve({ Ref: 'GitHub' })).toMatchObject({
      kind: ValueKind.RESOURCE_REFERENCE,
      value: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com',
      referencedType: 'Custom::AWSCDKOpenIdConnectProvider',
    });
    expect(oidc.resolve({ Ref: 'Other' })).toMatchObject({ kind: ValueKind.EXTERNAL, unknownReason: expect.stringMatching(/physical id of Other/) });
  });
});
