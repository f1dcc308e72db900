import { CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { VerdictKind } from '../../../src/core';
import { CustomResourceSdkCallRule } from '../../../src/rules/customresources';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new CustomResourceSdkCallRule();

/** An AwsCustomResource making one call on create, as users write it. */
function sdkCall(stack: Stack, call: cr.AwsSdkCall): cr.AwsCustomResource {
  return new cr.AwsCustomResource(stack, 'Call', {
    onCreate: { physicalResourceId: cr.PhysicalResourceId.of('x'), ...call },
    policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
    installLatestAwsSdk: false,
  });
}

describe('SLS-CUSTOMRESOURCE-SDK-CALL', () => {
  test.each<[string, cr.AwsSdkCall]>([
    ['a read (ssm getParameter)', { service: 'SSM', action: 'getParameter', parameters: { Name: 'x' } }],
    ['a data change (dynamodb putItem)', { service: 'DynamoDB', action: 'putItem', parameters: { TableName: 't', Item: {} } }],
    ['addPermission for a service bound to one bucket', {
      service: 'Lambda',
      action: 'addPermission',
      parameters: {
        FunctionName: 'f', StatementId: 's', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::my-bucket', Action: 'lambda:InvokeFunction',
      },
    }],
    ['a bucket policy for a named account', {
      service: 'S3',
      action: 'putBucketPolicy',
      parameters: {
        Bucket: 'b',
        Policy: JSON.stringify({
          Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
        }),
      },
    }],
  ])('compliant: %s', (_name, call) => {
    const stack = newStack();
    sdkCall(stack, call);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, cr.AwsSdkCall, string]>([
    ['iam attachRolePolicy (SDK v2 names)', { service: 'IAM', action: 'attachRolePolicy', parameters: { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }, 'Create.attachRolePolicy'],
    ['iam putRolePolicy (SDK v3 names)', { service: '@aws-sdk/client-iam', action: 'PutRolePolicyCommand', parameters: { RoleName: 'r', PolicyName: 'p', PolicyDocument: '{}' } }, 'Create.putRolePolicy'],
    ['iam createPolicyVersion', { service: 'IAM', action: 'createPolicyVersion', parameters: { PolicyArn: 'a', PolicyDocument: '{}', SetAsDefault: true } }, 'Create.createPolicyVersion'],
    ['iam updateAssumeRolePolicy', { service: 'IAM', action: 'updateAssumeRolePolicy', parameters: { RoleName: 'r', PolicyDocument: '{}' } }, 'Create.updateAssumeRolePolicy'],
    ['lambda addPermission with Principal "*"', {
      service: 'Lambda',
      action: 'addPermission',
      parameters: { FunctionName: 'f', StatementId: 's', Principal: '*', Action: 'lambda:InvokeFunction' },
    }, 'Create.addPermission'],
    ['lambda addPermission for a service with SourceArn arn:aws:s3:::* (names no bucket)', {
      service: 'Lambda',
      action: 'addPermission',
      parameters: { FunctionName: 'f', StatementId: 's', Principal: '*', SourceArn: 'arn:aws:s3:::*', Action: 'lambda:InvokeFunction' },
    }, 'Create.addPermission'],
    ['a public function URL', { service: 'Lambda', action: 'createFunctionUrlConfig', parameters: { FunctionName: 'f', AuthType: 'NONE' } }, 'Create.createFunctionUrlConfig'],
    ['a bucket policy for anyone', {
      service: 'S3',
      action: 'putBucketPolicy',
      parameters: {
        Bucket: 'b',
        Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }),
      },
    }, 'Create.putBucketPolicy'],
    ['s3 deletePublicAccessBlock', { service: 'S3', action: 'deletePublicAccessBlock', parameters: { Bucket: 'b' } }, 'Create.deletePublicAccessBlock'],
  ])('non-compliant: %s', (_name, call, findingId) => {
    const stack = newStack();
    sdkCall(stack, call);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
    expect(results[0].detail).toMatch(/^On Create, the custom resource calls /);
  });

  test('undecidable: the call is assembled from a parameter', () => {
    const stack = newStack();
    const res = sdkCall(stack, { service: 'SSM', action: 'getParameter', parameters: { Name: 'x' } });
    const l1 = res.node.findChild('Resource').node.defaultChild as CfnResource;
    l1.addPropertyOverride('Create', new CfnParameter(stack, 'CallText').valueAsString);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(/parameter CallText/);
  });

  test('a call with tokens (Fn::Join) is read as CloudFormation will build it', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() });
    sdkCall(stack, { service: 'IAM', action: 'attachRolePolicy', parameters: { RoleName: role.roleName, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } });
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['Create.attachRolePolicy']);
  });

  test('raw override: addPropertyOverride turns a read into an IAM change', () => {
    const stack = newStack();
    const res = sdkCall(stack, { service: 'SSM', action: 'getParameter', parameters: { Name: 'x' } });
    const l1 = res.node.findChild('Resource').node.defaultChild as CfnResource;
    l1.addPropertyOverride('Update', JSON.stringify({ service: 'IAM', action: 'putRolePolicy', parameters: {} }));
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['Update.putRolePolicy']);
  });
});
