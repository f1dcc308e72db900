import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaPermissionPublicRule } from '../../../src/rules/lambda/permission-public';
import { checkRule, newStack } from '../rule-test-helpers';
import { newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaPermissionPublicRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

describe('SLS-LAMBDA-PERMISSION-PUBLIC', () => {
  test.each<Scenario>([
    ['L2 grant to a role', (s) => newFunction(s).grantInvoke(new iam.Role(s, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }))],
    ['L2 service permission scoped by SourceArn', (s) => newFunction(s).addPermission('Events', {
      principal: new iam.ServicePrincipal('events.amazonaws.com'), sourceArn: 'arn:aws:events:eu-west-1:111122223333:rule/r',
    })],
    ['L2 S3 notification (CDK scopes it with SourceAccount and SourceArn)', (s) =>
      new s3.Bucket(s, 'Bucket').addObjectCreatedNotification(new s3n.LambdaDestination(newFunction(s)))],
    ['L2 grant to an organization', (s) => newFunction(s).grantInvoke(new iam.OrganizationPrincipal('o-abcdef1234'))],
    ['L2 AWS_IAM function URL granted to a role', (s) => newFunction(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })
      .grantInvokeUrl(new iam.Role(s, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }))],
    ['L1 service permission scoped by SourceAccount', (s) => new lambda.CfnPermission(s, 'Perm', {
      action: 'lambda:InvokeFunction', functionName: newCfnFunction(s).ref, principal: 'sns.amazonaws.com', sourceAccount: s.account,
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[]]>([
    ['L2 grant to any principal', (s) => newFunction(s).grantInvoke(new iam.AnyPrincipal()), [{ kind: V }]],
    ['L2 service permission without source', (s) => newFunction(s).addPermission('S3', {
      principal: new iam.ServicePrincipal('s3.amazonaws.com'),
    }), [{ kind: V }]],
    // The InvokeFunctionUrl statement is reported; its InvokedViaFunctionUrl companion is not reported twice.
    ['L2 public function URL', (s) => newFunction(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }), [{ kind: V }]],
    ['L1 permission to *', (s) => new lambda.CfnPermission(s, 'Perm', {
      action: 'lambda:InvokeFunction', functionName: newCfnFunction(s).ref, principal: '*',
    }), [{ kind: V }]],
    ['L1 regional service principal without source', (s) => new lambda.CfnPermission(s, 'Perm', {
      action: 'lambda:InvokeFunction', functionName: newCfnFunction(s).ref, principal: `states.${s.region}.amazonaws.com`,
    }), [{ kind: V }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(summary(checkRule(rule, stack))).toEqual(expected);
  });

  test('non-compliant: the finding names the service principal', () => {
    const stack = newStack();
    newFunction(stack).addPermission('S3', { principal: new iam.ServicePrincipal('s3.amazonaws.com') });
    expect(checkRule(rule, stack)[0].detail).toMatch(/s3\.amazonaws\.com.*SourceArn or aws:SourceAccount/);
  });

  test.each<Scenario>([
    ['a function without permissions', (s) => newFunction(s)],
    ['a permission to an account principal', (s) => new lambda.CfnPermission(s, 'Perm', {
      action: 'lambda:InvokeFunction', functionName: newCfnFunction(s).ref, principal: '111122223333',
    })],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['principal from a parameter', (s) => new lambda.CfnPermission(s, 'Perm', {
      action: 'lambda:InvokeFunction',
      functionName: newCfnFunction(s).ref,
      principal: new CfnParameter(s, 'InvokerPrincipal', { type: 'String' }).valueAsString,
    }), /parameter InvokerPrincipal/],
    ['principal imported from another stack', (s) => new lambda.CfnPermission(s, 'Perm', {
      action: 'lambda:InvokeFunction', functionName: newCfnFunction(s).ref, principal: Fn.importValue('Invoker'),
    }), /Fn::ImportValue/],
  ])('token: %s is undecidable', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: U }]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: removing SourceArn from a service permission is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    fn.addPermission('Events', { principal: new iam.ServicePrincipal('events.amazonaws.com'), sourceArn: 'arn:aws:events:eu-west-1:111122223333:rule/r' });
    (fn.node.findChild('Events') as lambda.CfnPermission).addPropertyDeletionOverride('SourceArn');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: scoping a * permission to an organization fixes it', () => {
    const stack = newStack();
    const fn = newCfnFunction(stack);
    const perm = new lambda.CfnPermission(stack, 'Perm', { action: 'lambda:InvokeFunction', functionName: fn.ref, principal: '*' });
    perm.addPropertyOverride('PrincipalOrgID', 'o-abcdef1234');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
