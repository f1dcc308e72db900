import { CfnCondition, CfnMapping, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { FindingKind } from '../../src/core/finding';
import { AuditEngine } from '../../src/engine/audit-engine';
import { BuiltInRules } from '../../src/rules/builtin-rules';
import { newAppAndStack, synthesized } from '../engine/engine-test-helpers';

/**
 * IAM flaws written through intrinsics CloudFormation evaluates are the same flaws: the rules read every value through
 * the value model, and an unknown value (an SSM parameter's value, a parameter) is never judged safe.
 */
const rules = BuiltInRules.all();

function findings(stack: Stack, ruleId: string) {
  return new AuditEngine({ rules: rules.filter((r) => r.id === ruleId) }).audit([synthesized(stack)]).map((f) => f.kind);
}

function openQueue(stack: Stack, principal: any, condition?: any): void {
  const queue = new sqs.CfnQueue(stack, 'Q');
  new sqs.CfnQueuePolicy(stack, 'P', {
    queues: [queue.ref],
    policyDocument: { Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sqs:SendMessage', Resource: queue.attrArn, Condition: condition }] },
  });
}

function undecided(stack: Stack): CfnCondition {
  const env = new CfnParameter(stack, 'Env', { type: 'String' });
  return new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
}

describe('resource policies written through intrinsics', () => {
  test('Principal "*" from Fn::FindInMap is public', () => {
    const { stack } = newAppAndStack();
    new CfnMapping(stack, 'Who', { mapping: { all: { Principal: '*' } } });
    openQueue(stack, { AWS: Fn.findInMap('Who', 'all', 'Principal') });
    expect(findings(stack, 'SLS-SQS-POLICY-PUBLIC')).toEqual([FindingKind.VIOLATION]);
  });

  test('a condition value of "*" assembled with Fn::Join narrows nothing', () => {
    const { stack } = newAppAndStack();
    openQueue(stack, '*', { StringLike: { 'aws:SourceAccount': Fn.join('', ['*']) } });
    expect(findings(stack, 'SLS-SQS-POLICY-PUBLIC')).toEqual([FindingKind.VIOLATION]);
  });

  test('Fn::If with one public branch is unable to decide', () => {
    const { stack } = newAppAndStack();
    openQueue(stack, Fn.conditionIf(undecided(stack).logicalId, { AWS: '111111111111' }, '*'));
    expect(findings(stack, 'SLS-SQS-POLICY-PUBLIC')).toEqual([FindingKind.UNDECIDABLE]);
  });

  test('an organization read from an SSM parameter\'s value is unknown, never narrowing', () => {
    const { stack } = newAppAndStack();
    const org = new ssm.CfnParameter(stack, 'Org', { type: 'String', value: 'o-abc123' });
    openQueue(stack, '*', { StringEquals: { 'aws:PrincipalOrgID': org.attrValue } });
    expect(findings(stack, 'SLS-SQS-POLICY-PUBLIC')).toEqual([FindingKind.UNDECIDABLE]);
  });
});

describe('identity policies written through intrinsics', () => {
  test('an IAM resource read from an SSM parameter\'s value is never "specific"', () => {
    const { stack } = newAppAndStack();
    const arn = new ssm.CfnParameter(stack, 'RoleArn', { type: 'String', value: 'arn:aws:iam::111111111111:role/x' });
    new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: arn.attrValue }] },
    });
    expect(findings(stack, 'SLS-IAM-ESCALATION')).toEqual([FindingKind.UNDECIDABLE]);
  });

  test('an action from Fn::Select over Fn::Split is judged as written', () => {
    const { stack } = newAppAndStack();
    new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: Fn.select(1, Fn.split(',', 's3:GetObject,iam:PassRole')), Resource: '*' }] },
    });
    expect(findings(stack, 'SLS-IAM-ESCALATION')).toEqual([FindingKind.VIOLATION]);
  });
});
