import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, newFunction } from './iam-test-helpers';
import { PermissionFindingKind as K } from '../../src/iam/permission-finding';
import { newStack } from '../rules/rule-test-helpers';

/**
 * A condition narrows a public principal, a service or a federated trust only if its VALUE narrows: the class of flaws
 * written with a condition whose value admits everyone must be found however the condition is spelled.
 */
function queueOpenTo(conditions: any, stack: Stack = newStack()) {
  new sqs.Queue(stack, 'Q').addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: ['*'], conditions,
  }));
  return findingsOf(stack).map((f) => f.kind);
}

describe('a public principal is narrowed only by a condition value that names someone', () => {
  test.each<[string, any]>([
    ['aws:SourceAccount "*"', { StringLike: { 'aws:SourceAccount': '*' } }],
    ['aws:SourceAccount "????????????" (?-only pattern)', { StringLike: { 'aws:SourceAccount': '????????????' } }],
    ['aws:SourceAccount with a wildcard digit', { StringLike: { 'aws:SourceAccount': '12345678901?' } }],
    ['aws:SourceIp 0.0.0.0/0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }],
    ['aws:SourceIp ::/0', { IpAddress: { 'aws:SourceIp': '::/0' } }],
    ['aws:SourceIp half the internet (0.0.0.0/1 and 128.0.0.0/1)', { IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } }],
    ['aws:PrincipalArn arn:aws:iam::*:*', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } }],
    ['aws:SourceArn arn:aws:s3:::* (every bucket)', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }],
    ['aws:SourceArn of any account in us-east-1', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:*' } }],
    ['aws:SourceArn naming a topic of any account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:orders' } }],
    ['aws:PrincipalOrgID o-*', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }],
    ['aws:PrincipalOrgPaths */*', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': '*/*' } }],
    ['aws:SourceVpce vpce-*', { StringLike: { 'aws:SourceVpce': 'vpce-*' } }],
    ['one specific value and one "*" (values are alternatives)', { StringLike: { 'aws:SourceAccount': ['111111111111', '*'] } }],
    ['StringEqualsIfExists (a caller without the key passes)', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['ForAllValues (an empty key passes)', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } }],
    ['a negated operator', { StringNotEquals: { 'aws:PrincipalAccount': '333333333333' } }],
    ['Null only tests presence', { Null: { 'aws:PrincipalOrgID': 'false' } }],
    ['a key that does not scope the caller (aws:SecureTransport)', { Bool: { 'aws:SecureTransport': 'true' } }],
  ])('open: %s', (_name, conditions) => {
    expect(queueOpenTo(conditions)).toEqual([K.RESOURCE_POLICY_PUBLIC]);
  });

  test.each<[string, any]>([
    ['aws:SourceAccount of one account', { StringEquals: { 'aws:SourceAccount': '111111111111' } }],
    ['aws:SourceArn of one topic of this account (Fn::Join of pseudo parameters)', {
      ArnLike: {
        'aws:SourceArn': Fn.join(':', ['arn', Fn.ref('AWS::Partition'), 'sns', Fn.ref('AWS::Region'), Fn.ref('AWS::AccountId'), 'orders']),
      },
    }],
    ['aws:SourceArn of one bucket (bucket names are global)', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' } }],
    ['aws:PrincipalArn of every role of one account', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/*' } }],
    ['aws:PrincipalOrgPaths under one organization', { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/*' } }],
    ['aws:SourceIp of a /16 network', { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } }],
    ['ForAnyValue (a missing key fails it)', { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } }],
  ])('narrowed: %s', (_name, conditions) => {
    expect(queueOpenTo(conditions)).toEqual([]);
  });

  test('a raw JSON-string policy written over an L2 queue policy is read the same way', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q');
    queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sqs:SendMessage'], resources: ['*'] }));
    (queue.node.findChild('Policy').node.defaultChild as sqs.CfnQueuePolicy).addPropertyOverride('PolicyDocument', JSON.stringify({
      Statement: [{
        Sid: 'Open',
        Effect: 'Allow',
        Principal: { AWS: ['*'] },
        Action: 'sqs:*',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '::/0' } },
      }],
    }));
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::SQS::QueuePolicy', kind: K.RESOURCE_POLICY_PUBLIC, findingId: 'Open' }]);
  });

  test('unknown: a condition value from a parameter is undecidable, never narrowing', () => {
    const stack = newStack();
    const kinds = queueOpenTo({ StringEquals: { 'aws:PrincipalOrgID': new CfnParameter(stack, 'Org').valueAsString } }, stack);
    expect(kinds).toEqual([K.UNDECIDABLE]);
  });

  test('unknown: an account joined from an import is undecidable', () => {
    const stack = newStack();
    const kinds = queueOpenTo({ StringEquals: { 'aws:SourceAccount': Fn.join('', [Fn.importValue('Account')]) } }, stack);
    expect(kinds).toEqual([K.UNDECIDABLE]);
  });
});

describe('Lambda permissions: SourceArn narrows by meaning', () => {
  const permission = (props: Partial<lambda.Permission>) => {
    const stack = newStack();
    newFunction(stack).addPermission('P', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), ...props } as lambda.Permission);
    return findingsOf(stack).filter((f) => f.type === 'AWS::Lambda::Permission').map((f) => f.kind);
  };
  test.each<[string, Partial<lambda.Permission>]>([
    ['SourceArn arn:aws:s3:::*', { sourceArn: 'arn:aws:s3:::*' }],
    ['SourceArn "*"', { sourceArn: '*' }],
    ['SourceAccount "*"', { sourceAccount: '*' }],
  ])('open: %s', (_name, props) => expect(permission(props)).toEqual([K.RESOURCE_POLICY_SERVICE_UNSCOPED]));
  test('narrowed: SourceArn of one bucket', () => expect(permission({ sourceArn: 'arn:aws:s3:::my-bucket' })).toEqual([]));
  test('narrowed: a wildcard SourceArn with a SourceAccount', () => expect(permission({ sourceArn: 'arn:aws:s3:::*', sourceAccount: '111111111111' })).toEqual([]));
});

describe('federated trust needs a specific audience and subject', () => {
  const github = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
  const trust = (principal: iam.IPrincipal) => {
    const stack = newStack();
    new iam.Role(stack, 'R', { assumedBy: principal });
    return findingsOf(stack).map((f) => f.kind);
  };
  const gh = (conditions: any) => trust(new iam.WebIdentityPrincipal(github, conditions));
  const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

  test.each<[string, any]>([
    ['sub "repo:*" (every repository on GitHub)', { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }],
    ['sub "*"', { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': '*' } }],
    ['sub bound to an owner, not a repository', { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } }],
    ['sub with a wildcard owner', { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*/app:*' } }],
    ['no audience', { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } }],
    ['an audience of "*"', { StringLike: { 'token.actions.githubusercontent.com:aud': '*', 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } }],
    ['sub under StringLikeIfExists', { StringEquals: aud, StringLikeIfExists: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } }],
  ])('GitHub, open: %s', (_name, conditions) => expect(gh(conditions)).toEqual([K.TRUST_FEDERATED_UNSCOPED]));

  test('GitHub, narrowed: repo:org/app:ref:refs/heads/main', () =>
    expect(gh({ StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:org/app:ref:refs/heads/main' } })).toEqual([]));

  const cognito = (conditions: any) => trust(new iam.FederatedPrincipal('cognito-identity.amazonaws.com', conditions, 'sts:AssumeRoleWithWebIdentity'));
  const amr = { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } };
  test.each<[string, any]>([
    ['aud of every pool of a region (us-east-1:*)', { StringLike: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:*' }, ...amr }],
    ['aud "*"', { StringLike: { 'cognito-identity.amazonaws.com:aud': '*' }, ...amr }],
    ['no amr', { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' } }],
    ['amr "*"', {
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': '*' },
    }],
  ])('Cognito identity, open: %s', (_name, conditions) => expect(cognito(conditions)).toEqual([K.TRUST_FEDERATED_UNSCOPED]));

  test('Cognito identity, narrowed: aud equal to one pool and amr authenticated', () => expect(cognito({
    StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' }, ...amr,
  })).toEqual([]));

  test('Cognito identity, unknown: the pool id is a parameter', () => {
    const stack = newStack();
    new iam.Role(stack, 'R', {
      assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': new CfnParameter(stack, 'Pool').valueAsString }, ...amr,
      }, 'sts:AssumeRoleWithWebIdentity'),
    });
    expect(findingsOf(stack).map((f) => f.kind)).toEqual([K.UNDECIDABLE]);
  });

  test('another OIDC provider needs a subject too', () => {
    const eks = 'arn:aws:iam::111111111111:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC';
    expect(trust(new iam.WebIdentityPrincipal(eks, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } })))
      .toEqual([K.TRUST_FEDERATED_UNSCOPED]);
    expect(trust(new iam.WebIdentityPrincipal(eks, {
      StringEquals: {
        'oidc.eks.us-east-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com',
        'oidc.eks.us-east-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:app:api',
      },
    }))).toEqual([]);
  });
});

describe('false-positive class: key policy statements bound by encryption context', () => {
  test('the CloudWatch Logs statement bound by kms:EncryptionContext:aws:logs:arn is not a broad grant', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K', { enableKeyRotation: true });
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(Fn.sub('logs.${AWS::Region}.amazonaws.com'))],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Fn.sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*') } },
    }));
    expect(findingsOf(stack)).toEqual([]);
  });

  test('the same statement with an encryption context of any account is a finding', () => {
    const stack = newStack();
    new kms.Key(stack, 'K').addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logs.us-east-1.amazonaws.com')],
      actions: ['kms:Decrypt*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:*:log-group:*' } },
    }));
    expect(findingsOf(stack).map((f) => f.kind)).toEqual([K.RESOURCE_POLICY_SERVICE_UNSCOPED]);
  });
});
