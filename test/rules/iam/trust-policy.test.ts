import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Severity, Verdict, VerdictKind } from '../../../src/core';
import { StackView } from '../../../src/core/stack-view';
import { StackViews } from '../../../src/engine/stack-views';

import { IamTrustPolicyRule } from '../../../src/rules/iam';
import { checkRule, newStack, viewOf } from '../rule-test-helpers';

const rule = new IamTrustPolicyRule();

function role(stack: Stack, assumedBy: iam.IPrincipal, externalIds?: string[]): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy, externalIds });
}

/** Runs the rule over the roles of a view built by the caller (to control what the view knows of the account). */
function checkView(view: StackView): Verdict[] {
  return view.resourcesOfType('AWS::IAM::Role').flatMap((r) => rule.check(r, view));
}

const github = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';

describe('SLS-IAM-TRUST-POLICY', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a service principal', (stack) => role(stack, new iam.ServicePrincipal('lambda.amazonaws.com'))],
    ['this account (${AWS::AccountId})', (stack) => role(stack, new iam.AccountRootPrincipal())],
    ['anyone in my organization', (stack) => role(stack, new iam.AnyPrincipal().withConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }))],
    ['GitHub OIDC scoped to one repository', (stack) => role(stack, new iam.WebIdentityPrincipal(github, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' },
    }))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  // sts:ExternalId (what iam.Role's externalIds adds) scopes a trust of another account, as its detail recommends.
  test('compliant: another account with an external id', () => {
    const stack = newStack();
    role(stack, new iam.AccountPrincipal('222222222222'), ['ext-1']);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: addPropertyOverride adds an external id to a cross-account trust', () => {
    const stack = newStack();
    const r = role(stack, new iam.AccountPrincipal('222222222222'));
    (r.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition',
      { StringEquals: { 'sts:ExternalId': 'ext-1' } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a Deny statement for everyone', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'R', { assumeRolePolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }] } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  // Finding ids name who is trusted: `*`, the account id, the identity provider, `NotPrincipal`.
  test.each<[string, (stack: Stack) => void, string, Severity | undefined]>([
    ['anyone (L2 AnyPrincipal)', (stack) => role(stack, new iam.AnyPrincipal()), '*', undefined],
    ['Principal "*" on an L1 role', (stack) => new iam.CfnRole(stack, 'R', { assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] } }), '*', undefined],
    ['GitHub OIDC without conditions', (stack) => role(stack, new iam.WebIdentityPrincipal(github)),
      'arn:aws:iam::111111111111:oidc-provider_token.actions.githubusercontent.com', undefined],
    ['another account without a condition', (stack) => role(stack, new iam.AccountPrincipal('222222222222')), '222222222222', Severity.WARNING],
    ['NotPrincipal', (stack) => new iam.CfnRole(stack, 'R', { assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: 'sts:AssumeRole' }] } }), 'NotPrincipal', undefined],
  ])('non-compliant: %s', (_name, build, findingId, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.VIOLATION, findingId });
    expect(results[0].severity).toBe(severity);
  });

  // A caller without the key passes an `...IfExists` condition: it narrows nothing.
  test.each<[string, any]>([
    ['StringEqualsIfExists aws:PrincipalOrgID', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } }],
    ['Null aws:PrincipalOrgID', { Null: { 'aws:PrincipalOrgID': 'false' } }],
    ['StringNotEquals aws:PrincipalAccount', { StringNotEquals: { 'aws:PrincipalAccount': '333333333333' } }],
    ['StringEqualsIfExists sts:ExternalId', { StringEqualsIfExists: { 'sts:ExternalId': 'ext-1' } }],
  ])('non-compliant: another account with only %s', (_name, condition) => {
    const stack = newStack();
    const r = role(stack, new iam.AccountPrincipal('222222222222'));
    (r.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', condition);
    expect(checkRule(rule, stack).map((x) => [x.findingId, x.severity])).toEqual([['222222222222', Severity.WARNING]]);
  });

  test('non-compliant: an external id does not narrow anyone (Principal "*")', () => {
    const stack = newStack();
    role(stack, new iam.AnyPrincipal(), ['ext-1']);
    expect(checkRule(rule, stack).map((x) => [x.kind, x.findingId])).toEqual([[VerdictKind.VIOLATION, '*']]);
  });

  test('non-compliant: anyone with only an IfExists condition', () => {
    const stack = newStack();
    role(stack, new iam.AnyPrincipal().withConditions({ StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } }));
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, '*']]);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'TrustedArn').valueAsString, /parameter TrustedArn/],
    ['Fn::ImportValue', () => Fn.importValue('TrustedArn'), /Fn::ImportValue/],
  ])('undecidable: a trusted principal from %s', (_name, arn, reason) => {
    const stack = newStack();
    role(stack, new iam.ArnPrincipal(arn(stack)));
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.UNDECIDABLE, findingId: 'Statement0.Principal' });
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride opens a service role to everyone', () => {
    const stack = newStack();
    const r = role(stack, new iam.ServicePrincipal('lambda.amazonaws.com'));
    (r.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal', { AWS: '*' });
    expect(checkRule(rule, stack).map((x) => x.findingId)).toEqual(['*']);
  });

  describe('in a stack with an explicit env (the account renders as a literal)', () => {
    function pinnedStack(): Stack {
      const app = new App({ builtinCloudFormationValidation: false } as any);
      return new Stack(app, 'Pinned', { env: { account: '111111111111', region: 'eu-west-1' } });
    }

    test('compliant: AccountRootPrincipal is this account, which the hosts\' view knows', () => {
      const stack = pinnedStack();
      role(stack, new iam.AccountRootPrincipal());
      const { view } = StackViews.fromStack(stack);
      expect(view.account).toBe('111111111111');
      expect(checkView(view)).toEqual([]);
    });

    test('a view that does not know the account would judge the same role as trusting another account', () => {
      const stack = pinnedStack();
      role(stack, new iam.AccountRootPrincipal());
      expect(viewOf(stack).account).toBeUndefined();
      expect(checkRule(rule, stack).map((r) => [r.findingId, r.severity])).toEqual([['111111111111', Severity.WARNING]]);
    });

    test('non-compliant: another literal account is still another account', () => {
      const stack = pinnedStack();
      role(stack, new iam.AccountPrincipal('222222222222'));
      expect(checkView(StackViews.fromStack(stack).view).map((r) => r.findingId)).toEqual(['222222222222']);
    });

    test('an environment-agnostic stack has no literal account, and a view ignores anything but a 12-digit id', () => {
      expect(StackViews.fromStack(newStack()).view.account).toBeUndefined();
      expect(new StackView('S', {}, { account: '${Token[AWS.AccountId.7]}' }).account).toBeUndefined();
      expect(new StackView('S', {}, { account: '333333333333' }).account).toBe('333333333333');
    });
  });
});
