import { CfnParameter, Fn, Lazy, Stack, aws_dynamodb as dynamodb, aws_iam as iam } from 'aws-cdk-lib';
import { DraftResource } from '../../../src/constructs/common/private/draft-resource';
import { ValueKind } from '../../../src/core/resolved-value';
import { IRule, RuleCategory, Severity, VerdictKind } from '../../../src/core/rule';
import { IamWildcardResourceRule } from '../../../src/rules/iam/wildcard-resource';
import { testApp } from '../construct-test-helpers';

const newStack = () => new Stack(testApp(), 'TestStack');
const policy = (statement: iam.PolicyStatement) => ({ PolicyDocument: { Version: '2012-10-17', Statement: [statement.toStatementJson()] } });

describe('DraftResource: a resource judged by the audit rules before it exists', () => {
  test('a referenced resource of the stack is known by its type, through a Lazy and a join; a parameter is unknown', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const parameter = new CfnParameter(stack, 'Prefix');
    const draft = DraftResource.render(stack, 'AWS::Test::Thing', {
      Lazy: Lazy.string({ produce: () => table.tableArn }),
      Joined: Fn.join('', [table.tableArn, '/index/*']),
      Parameter: parameter.valueAsString,
    })!;
    expect(draft.view.resolve(draft.resource.properties.Lazy))
      .toEqual(expect.objectContaining({ kind: ValueKind.RESOURCE_REFERENCE, referencedType: 'AWS::DynamoDB::Table' }));
    expect(draft.view.resolve(draft.resource.properties.Joined).kind).toBe(ValueKind.DEPLOY_TIME);
    expect(draft.view.resolve(draft.resource.properties.Parameter)).toEqual(expect.objectContaining({ kind: ValueKind.EXTERNAL, unknownReason: 'parameter Prefix' }));
  });

  test('verdicts carry the rule id and the severity the audit would report', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const rule = new IamWildcardResourceRule();
    expect(DraftResource.check(stack, 'AWS::IAM::Policy', policy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] })), [rule]))
      .toEqual([]);
    expect(DraftResource.check(stack, 'AWS::IAM::Policy', policy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })), [rule]))
      .toEqual([expect.objectContaining({ ruleId: 'SLS-IAM-WILDCARD-RESOURCE', kind: VerdictKind.VIOLATION, severity: Severity.WARNING, findingId: 's3:GetObject' })]);
    expect(DraftResource.check(stack, 'AWS::IAM::Policy', policy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: ['*'] })), [rule]))
      .toEqual([expect.objectContaining({ kind: VerdictKind.VIOLATION, severity: Severity.ERROR, findingId: 'dynamodb:PutItem' })]);
  });

  test('a value aws-cdk-lib cannot resolve, or a rule that throws, is unable to decide, never a pass or a crash', () => {
    const stack = newStack();
    const failing: IRule = {
      id: 'TEST-FAILING',
      category: RuleCategory.CONFIGURATION,
      severity: Severity.ERROR,
      description: 'd',
      remediation: 'r',
      resourceTypes: ['AWS::Test::Thing'],
      check: () => { throw new Error('boom'); },
    };
    expect(DraftResource.check(stack, 'AWS::Test::Thing', { A: 'a' }, [failing]))
      .toEqual([expect.objectContaining({ ruleId: 'TEST-FAILING', kind: VerdictKind.UNDECIDABLE, severity: Severity.WARNING, detail: expect.stringMatching(/boom.*defect/) })]);
    const unresolvable = Lazy.string({ produce: () => { throw new Error('no value'); } });
    expect(DraftResource.check(stack, 'AWS::Test::Thing', { A: unresolvable }, [failing]))
      .toEqual([expect.objectContaining({ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/cannot be rendered/) })]);
  });
});
