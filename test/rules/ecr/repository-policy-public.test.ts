import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Severity, VerdictKind } from '../../../src/core';
import { EcrRepositoryPolicyPublicRule } from '../../../src/rules/ecr';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new EcrRepositoryPolicyPublicRule();

describe('SLS-ECR-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['grantPull to an account', (stack) => new ecr.Repository(stack, 'R').grantPull(new iam.AccountPrincipal('222222222222'))],
    ['the Lambda service bound to this account\'s functions', (stack) => new ecr.Repository(stack, 'R').addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('lambda.amazonaws.com')],
      actions: ['ecr:BatchGetImage'],
      conditions: { ArnLike: { 'aws:SourceArn': Fn.sub('arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:*') } },
    }))],
    ['a repository without a policy', (stack) => new ecr.Repository(stack, 'R')],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, Severity | undefined]>([
    ['grantPull to anyone', (stack) => new ecr.Repository(stack, 'R').grantPull(new iam.AnyPrincipal()), undefined],
    ['the Lambda service with a SourceArn of any account', (stack) => new ecr.Repository(stack, 'R').addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('lambda.amazonaws.com')],
      actions: ['ecr:BatchGetImage'],
      conditions: { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:*:function:*' } },
    })), Severity.WARNING],
    ['a raw JSON policy on an L1 repository', (stack) => new ecr.CfnRepository(stack, 'R', {
      repositoryPolicyText: { Statement: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:PutImage'] }] },
    }), undefined],
  ])('non-compliant: %s', (_name, build, severity) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.severity])).toEqual([[VerdictKind.VIOLATION, severity]]);
  });

  test('undecidable: the principal is a parameter', () => {
    const stack = newStack();
    new ecr.Repository(stack, 'R').grantPull(new iam.ArnPrincipal(new CfnParameter(stack, 'Puller').valueAsString));
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('raw override: addPropertyOverride opens a repository', () => {
    const stack = newStack();
    const repo = new ecr.Repository(stack, 'R');
    (repo.node.defaultChild as ecr.CfnRepository).addPropertyOverride('RepositoryPolicyText',
      { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:*' }] });
    expect(checkRule(rule, stack)).toHaveLength(1);
  });
});
