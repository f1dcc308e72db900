import { CfnResource, Stack } from 'aws-cdk-lib';
import * as sam from 'aws-cdk-lib/aws-sam';
import { AuditedResource } from '../../../src/core/audited-resource';
import { VerdictKind } from '../../../src/core/rule';
import { StackView } from '../../../src/core/stack-view';
import { TemplateUnreadableRule } from '../../../src/rules/template';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new TemplateUnreadableRule();
const U = VerdictKind.UNDECIDABLE;

describe('SLS-TEMPLATE-UNREADABLE', () => {
  test.each<[string, (s: Stack) => void]>([
    ['plain aws-cdk-lib resources', (s) => new CfnResource(s, 'Q', { type: 'AWS::SQS::Queue' })],
    ['a SAM function with an explicit role and no Policies (everything else is judged directly)', (s) => new sam.CfnFunction(s, 'Fn', {
      runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://b/k.zip', role: 'arn:aws:iam::111111111111:role/fn',
    })],
  ])('readable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (s: Stack) => void, RegExp]>([
    ['a SAM function whose role is generated from Policies', (s) => new sam.CfnFunction(s, 'Fn', {
      runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://b/k.zip', policies: ['AmazonS3FullAccess'],
    }), /^AWS::Serverless::Function Fn deploys its execution role and policies, generated from Policies, which the audit does not see\. It depends on the AWS::Serverless-2016-10-31 transform/],
    ['a SAM API (its stage)', (s) => new sam.CfnApi(s, 'Api', { stageName: 'prod' }), /AWS::Serverless::Api Api deploys its deployment and stage/],
    ['a SAM simple table', (s) => new sam.CfnSimpleTable(s, 'Table', {}), /AWS::Serverless::SimpleTable Table deploys the DynamoDB table/],
    ['a nested SAM application (raw L1 JSON)', (s) => new CfnResource(s, 'App', { type: 'AWS::Serverless::Application', properties: { Location: 'https://example.com/t.yaml' } }), /nested application/],
  ])('unable to decide: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toMatchObject([{ kind: U }]);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<[string, string, RegExp]>([
    ['a Fn::ForEach loop (the view\'s Template::ForEach entry)', 'Template::ForEach', /loop Fn::ForEach::Topics generates/],
    ['an entry without a Type (Template::Untyped)', 'Template::Untyped', /has no Type/],
  ])('unable to decide: %s', (_name, type, detail) => {
    const view = new StackView('S', { Resources: {} });
    const id = type === 'Template::ForEach' ? 'Fn::ForEach::Topics' : 'Mystery';
    const results = rule.check(new AuditedResource(id, type, {}, undefined, undefined), view);
    expect(results).toMatchObject([{ kind: U, detail: expect.stringMatching(detail) }]);
  });

  test('a macro (a transform other than SAM and AWS::LanguageExtensions) is undecidable; the known transforms are not', () => {
    const stack = newStack();
    stack.addTransform('MyCompany::Macro');
    stack.addTransform('AWS::LanguageExtensions');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: U, detail: expect.stringMatching(/^Transform MyCompany::Macro rewrites the template/) }]);
  });

  test('the view\'s own entries: a real Fn::ForEach loop and an entry without a type', () => {
    const view = new StackView('S', {
      Transform: 'AWS::LanguageExtensions',
      Resources: {
        'Fn::ForEach::Topics': ['Name', ['A', 'B'], { 'Topic${Name}': { Type: 'AWS::SNS::Topic' } }],
        'Mystery': { Properties: {} },
      },
    });
    const results = view.resources.filter((r) => rule.resourceTypes.includes(r.resourceType)).flatMap((r) => rule.check(r, view));
    expect(results.map((r) => r.kind)).toEqual([U, U]);
  });

  test('raw override: Policies added to a SAM function with addPropertyOverride (and its role removed) are reported', () => {
    const stack = newStack();
    const fn = new sam.CfnFunction(stack, 'Fn', { runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://b/k.zip', role: 'arn:aws:iam::111111111111:role/fn' });
    fn.addPropertyDeletionOverride('Role');
    fn.addPropertyOverride('Policies', [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }]);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: U }]);
  });
});
