import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { StackView } from '../../src/core/stack-view';
import { PolicyReader } from '../../src/iam/policy-reader';
import { PrincipalType as P, StatementEffect } from '../../src/iam/policy-statement';
import { newStack, viewOf } from '../rules/rule-test-helpers';

function emptyView(): StackView {
  return new StackView('Stack', { Parameters: { Arn: { Type: 'String' } }, Resources: { Role: { Type: 'AWS::IAM::Role', Properties: {} } } });
}

describe('PolicyReader', () => {
  test('normalises single statements, string fields, principals and conditions', () => {
    const policy = PolicyReader.readDocument({
      Statement: {
        Sid: 'Send to me',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: '*',
        Principal: { AWS: ['111122223333', { 'Fn::GetAtt': ['Role', 'Arn'] }], Service: 'sns.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': ['arn:aws:sns:us-east-1:111122223333:t'] } },
      },
    }, emptyView(), 'Properties/PolicyDocument');
    expect(policy.unknownReason).toBeUndefined();
    expect(policy.statements).toEqual([{
      location: 'Properties/PolicyDocument/Statement/0',
      key: 'Send_to_me',
      sid: 'Send to me',
      effect: StatementEffect.ALLOW,
      actions: [{ text: 'sqs:SendMessage', referencedLogicalIds: [] }],
      notActions: [],
      resources: [{ text: '*', referencedLogicalIds: [] }],
      notResources: [],
      principals: [
        { principalType: P.AWS, value: { text: '111122223333', referencedLogicalIds: [] } },
        { principalType: P.AWS, value: { text: '${Role.Arn}', referencedLogicalIds: ['Role'] } },
        { principalType: P.SERVICE, value: { text: 'sns.amazonaws.com', referencedLogicalIds: [] } },
      ],
      notPrincipals: [],
      conditions: [{ operator: 'ArnEquals', key: 'aws:SourceArn', values: [{ text: 'arn:aws:sns:us-east-1:111122223333:t', referencedLogicalIds: [] }] }],
      unknownReason: undefined,
    }]);
  });

  test('reads "Principal": "*", {"AWS": "*"} and bare Lambda-permission principals', () => {
    const view = emptyView();
    expect(PolicyReader.readPrincipals('*', view).map((p) => p.principalType)).toEqual([P.ANYONE]);
    expect(PolicyReader.readPrincipals({ AWS: '*' }, view).map((p) => p.principalType)).toEqual([P.ANYONE]);
    expect(PolicyReader.readPrincipals('events.amazonaws.com', view).map((p) => p.principalType)).toEqual([P.SERVICE]);
    expect(PolicyReader.readPrincipals('111122223333', view).map((p) => p.principalType)).toEqual([P.AWS]);
    expect(PolicyReader.readPrincipals({ Federated: 'cognito-identity.amazonaws.com' }, view).map((p) => p.principalType))
      .toEqual([P.FEDERATED]);
  });

  test('parses JSON-string documents and reports invalid ones instead of passing them', () => {
    const view = emptyView();
    expect(PolicyReader.readDocument('{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}', view, 'P').statements[0].effect)
      .toBe(StatementEffect.DENY);
    expect(PolicyReader.readDocument('{not json', view, 'P').unknownReason).toMatch(/not valid JSON/);
  });

  describe('JSON text CloudFormation assembles from intrinsics (Fn::Join)', () => {
    const read = (parts: any[], delimiter = '') => PolicyReader.readDocument({ 'Fn::Join': [delimiter, parts] }, emptyView(), 'Properties/PolicyDocument');

    test('reads the statements with each intrinsic where it stands', () => {
      const policy = read(['{"Statement":[{"Effect":"Allow","Principal":{"AWS":"', { 'Fn::GetAtt': ['Role', 'Arn'] },
        '"},"Action":"logs:PutLogEvents","Resource":"arn:aws:logs:', { Ref: 'AWS::Region' }, ':111122223333:log-group:x:*"}]}']);
      expect(policy.unknownReason).toBeUndefined();
      expect(policy.statements[0].principals).toEqual([{ principalType: P.AWS, value: { text: '${Role.Arn}', referencedLogicalIds: ['Role'] } }]);
      expect(policy.statements[0].resources[0].partialText ?? policy.statements[0].resources[0].text).toMatch(/^arn:aws:logs:.*:111122223333:log-group:x:\*$/);
    });

    test('joins with the delimiter before parsing', () => {
      const policy = read(['{"Statement":[{"Effect":"Allow","Principal":"*","Action":"logs:PutLogEvents","Resource"', '"*"}]}'], ':');
      expect(policy.statements.map((s) => s.principals[0].principalType)).toEqual([P.ANYONE]);
    });

    test.each<[string, any[]]>([
      ['an intrinsic as a key', ['{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"', { Ref: 'Arn' }, '":"x"}}}]}']],
      ['an intrinsic as a raw value', ['{"Statement":[{"Effect":"Allow","Principal":', { Ref: 'Arn' }, ',"Action":"s3:*"}]}']],
      ['text that is not JSON', ['{"Statement":', { Ref: 'Arn' }]],
    ])('never passes %s: the document stays unknown', (_name, parts) => {
      const policy = read(parts);
      expect(policy.statements).toEqual([]);
      expect(policy.unknownReason).toBeDefined();
    });
  });

  test('keeps what depends on parameters, imports and conditions as unknown, with the reason', () => {
    const view = emptyView();
    const [statement] = PolicyReader.readDocument({
      Statement: [{
        Effect: { 'Fn::If': ['Prod', 'Deny', 'Allow'] },
        Action: ['s3:GetObject'],
        Resource: [{ Ref: 'Arn' }, { 'Fn::ImportValue': 'Shared' }],
        Condition: { Ref: 'Arn' },
      }],
    }, view, 'P').statements;
    expect(statement.effect).toBe(StatementEffect.UNKNOWN);
    expect(statement.resources.map((r) => r.unknownReason)).toEqual(['parameter Arn', 'Fn::ImportValue "Shared"']);
    expect(statement.unknownReason).toMatch(/Condition block is parameter Arn/);
    expect(PolicyReader.readDocument({ Statement: { Ref: 'Arn' } }, view, 'P').unknownReason).toBe('parameter Arn');
    expect(PolicyReader.readDocument({ Statement: [{ 'Fn::If': ['C', {}, { Effect: 'Deny' }] }] }, view, 'P').statements[0].unknownReason)
      .toMatch(/condition C/);
  });

  test('renders documents built with tokens by aws-cdk-lib', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'Bucket');
    new iam.CfnManagedPolicy(stack, 'P', {
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Fn.join('', ['arn:aws:s3:::', param.valueAsString, '/*']) }] },
    });
    const view = viewOf(stack);
    const doc = view.resourcesOfType('AWS::IAM::ManagedPolicy')[0].properties.PolicyDocument;
    expect(PolicyReader.readDocument(doc, view, 'P').statements[0].resources).toEqual([
      { unknownReason: 'parameter Bucket', partialText: 'arn:aws:s3:::${?}/*', referencedLogicalIds: [] },
    ]);
  });

  test('keeps what is known of an ARN assembled from unknown parts (Fn::Join, Fn::Sub)', () => {
    const stack = newStack();
    new CfnParameter(stack, 'Account');
    new iam.CfnManagedPolicy(stack, 'P', {
      policyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: [
            Fn.sub('arn:${AWS::Partition}:sqs:${AWS::Region}:${Account}:orders-${Name}', { Name: Fn.importValue('Env') }),
            Fn.importValue('WholeArn'),
          ],
        }],
      },
    });
    const view = viewOf(stack);
    const doc = view.resourcesOfType('AWS::IAM::ManagedPolicy')[0].properties.PolicyDocument;
    const [assembled, whole] = PolicyReader.readDocument(doc, view, 'P').statements[0].resources;
    expect(assembled.text).toBeUndefined();
    expect(assembled.partialText).toBe('arn:${AWS::Partition}:sqs:${AWS::Region}:${?}:orders-${?}');
    expect(whole.partialText).toBeUndefined();
  });
});
