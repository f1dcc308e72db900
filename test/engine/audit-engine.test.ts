import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newAppAndStack, synthesized, viewOfTemplate } from './engine-test-helpers';
import { AlwaysViolatedRule, NeverViolatedRule, PropertyEqualsRule, ReadsThroughViewRule, ThrowingRule } from './fake-rules';
import { FindingKind } from '../../src/core/finding';
import { RuleCategory, Severity, VerdictKind } from '../../src/core/rule';
import { StackView } from '../../src/core/stack-view';
import { AuditEngine } from '../../src/engine/audit-engine';

const QUEUE = 'AWS::SQS::Queue';
const TOPIC = 'AWS::SNS::Topic';

const template = {
  Queue1: { Type: QUEUE, Properties: { KmsMasterKeyId: 'alias/mine' } },
  Topic1: { Type: TOPIC },
  Bucket1: { Type: 'AWS::S3::Bucket' },
  Queue2: { Type: QUEUE, Properties: { KmsMasterKeyId: { 'Fn::ImportValue': 'SharedKey' } } },
};

describe('AuditEngine', () => {
  test('calls each rule only for its resource types, once per resource, in template order', () => {
    const queues = new NeverViolatedRule('Q', [QUEUE]);
    const topics = new NeverViolatedRule('T', [TOPIC]);
    const both = new NeverViolatedRule('B', [QUEUE, TOPIC, QUEUE]);
    new AuditEngine({ rules: [queues, topics, both] }).audit([{ view: viewOfTemplate(template) }]);
    expect(queues.calls).toEqual(['Queue1', 'Queue2']);
    expect(topics.calls).toEqual(['Topic1']);
    expect(both.calls).toEqual(['Queue1', 'Topic1', 'Queue2']);
  });

  test('indexes the rules by type', () => {
    const engine = new AuditEngine({ rules: [new NeverViolatedRule('Q', [QUEUE]), new NeverViolatedRule('B', [QUEUE, TOPIC])] });
    expect(engine.resourceTypes.sort()).toEqual([TOPIC, QUEUE].sort());
  });

  test('reports a violation with the rule severity, the verdict detail as message and location', () => {
    const rule = new PropertyEqualsRule('KEY', QUEUE, 'KmsMasterKeyId', 'alias/other');
    const findings = new AuditEngine({ rules: [rule] }).audit([{ view: viewOfTemplate({ Queue1: template.Queue1 }) }]);
    expect(findings).toEqual([expect.objectContaining({
      ruleId: 'KEY',
      kind: FindingKind.VIOLATION,
      severity: Severity.ERROR,
      category: RuleCategory.CONFIGURATION,
      stackPath: 'Literal',
      logicalId: 'Queue1',
      constructPath: 'Queue1',
      resourceType: QUEUE,
      message: 'KmsMasterKeyId is "alias/mine".',
      remediation: 'Fix KEY.',
      location: 'Properties/KmsMasterKeyId',
      acknowledged: false,
    })]);
  });

  test('an undecidable verdict is a warning naming what is unknown, whatever the rule severity', () => {
    const rule = new PropertyEqualsRule('KEY', QUEUE, 'KmsMasterKeyId', 'alias/mine', Severity.ERROR);
    const findings = new AuditEngine({ rules: [rule] }).audit([{ view: viewOfTemplate(template) }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ logicalId: 'Queue2', kind: FindingKind.UNDECIDABLE, severity: Severity.WARNING });
    expect(findings[0].message).toMatch(/Unable to decide: KmsMasterKeyId is Fn::ImportValue "SharedKey"\./);
  });

  test('a rule that throws becomes an error finding naming the rule and resource; other rules still run', () => {
    const thrower = new ThrowingRule('BOOM', [QUEUE], Severity.WARNING);
    const after = new AlwaysViolatedRule('AFTER', [QUEUE]);
    const findings = new AuditEngine({ rules: [thrower, after] }).audit([{ view: viewOfTemplate(template) }]);
    const failures = findings.filter((f) => f.kind === FindingKind.RULE_FAILURE);
    expect(failures.map((f) => f.logicalId)).toEqual(['Queue1', 'Queue2']);
    expect(failures[0]).toMatchObject({ ruleId: 'BOOM', severity: Severity.ERROR });
    expect(failures[0].message).toMatch(/Rule BOOM failed while checking AWS::SQS::Queue Queue1: boom/);
    expect(findings.filter((f) => f.ruleId === 'AFTER')).toHaveLength(2);
  });

  test('a verdict may override the rule severity; a pack override replaces both', () => {
    const rule = new AlwaysViolatedRule('SEV', [TOPIC], Severity.ERROR);
    rule.check = () => [{ kind: VerdictKind.VIOLATION, detail: 'Soon deprecated.', severity: Severity.WARNING }];
    const view = viewOfTemplate(template);
    expect(new AuditEngine({ rules: [rule] }).audit([{ view }])[0].severity).toBe(Severity.WARNING);
    const overridden = new AuditEngine({ rules: [rule], severityOverrides: { SEV: Severity.ERROR } }).audit([{ view }]);
    expect(overridden[0].severity).toBe(Severity.ERROR);
  });

  test('keeps granular finding ids', () => {
    const rule = new AlwaysViolatedRule('GRAN', [TOPIC]);
    rule.check = () => ['A', 'B'].map((findingId) => ({ kind: VerdictKind.VIOLATION, detail: findingId, findingId }));
    const findings = new AuditEngine({ rules: [rule] }).audit([{ view: viewOfTemplate(template) }]);
    expect(findings.map((f) => f.findingId)).toEqual(['A', 'B']);
  });

  test.each([
    ['a b', /the finding id "a b" holds " ", but a finding id must be letters, digits/],
    ['X[1]', /the finding id "X\[1\]" holds "\[", "\]"/],
    ['', /the finding id "" is empty/],
  ])('a verdict whose finding id breaks the scheme (%j) is an error naming the rule, keeping what it said', (findingId, problem) => {
    const rule = new AlwaysViolatedRule('GRAN', [TOPIC]);
    rule.check = () => [{ kind: VerdictKind.VIOLATION, detail: 'The topic is open.', findingId }, { kind: VerdictKind.VIOLATION, detail: 'Fine id.', findingId: 'ok.1' }];
    const findings = new AuditEngine({ rules: [rule] }).audit([{ view: viewOfTemplate(template) }]);
    expect(findings[0]).toEqual(expect.objectContaining({ kind: FindingKind.RULE_FAILURE, severity: Severity.ERROR, ruleId: 'GRAN', findingId: undefined }));
    expect(findings[0].message).toMatch(/^Rule GRAN gave a verdict on AWS::SNS::Topic \S+ that cannot be reported: \[RULE007\] /);
    expect(findings[0].message).toMatch(problem);
    expect(findings[0].message).toContain('The verdict said: The topic is open.');
    expect(findings[1]).toEqual(expect.objectContaining({ kind: FindingKind.VIOLATION, findingId: 'ok.1' }));
  });

  test('refuses the same rule id twice', () => {
    expect(() => new AuditEngine({ rules: [new NeverViolatedRule('X', [QUEUE]), new NeverViolatedRule('X', [TOPIC])] }))
      .toThrow(/\[RULE006\] rule "X" is given twice/);
  });

  test.each([
    ['MY::RULE [x]', /\[RULE001\] rule "MY::RULE \[x\]": the id must be letters, digits and single hyphens .*, but it holds ":", " ", "\[", "\]"/],
    ['MY RULE', /\[RULE001\] rule "MY RULE": the id must be .*, but it holds " "/],
    ['MY_RULE', /\[RULE001\] rule "MY_RULE": the id must be .*, but it holds "_"/],
    ['TRAILING-', /\[RULE001\] rule "TRAILING-": the id must be .*, but it starts or ends with a hyphen/],
    ['TWO--HYPHENS', /\[RULE001\] .*holds two in a row/],
    ['', /\[RULE001\] rule "": the id must be .*, but it is empty/],
  ])('validates every rule\'s id in one place, custom rules included: %j', (id, problem) => {
    expect(() => new AuditEngine({ rules: [new NeverViolatedRule(id, [QUEUE])] })).toThrow(problem);
  });

  test('refuses a custom rule that breaks the contract, listing every problem at once', () => {
    const broken: any = { id: 'TEAM-RULE', resourceTypes: [], severity: 'fatal', category: 'x' };
    expect(() => new AuditEngine({ rules: [broken] })).toThrow(
      /\[RULE002\] rule "TEAM-RULE": resourceTypes must list.*\[RULE003\] .*severity must be Severity\.ERROR, WARNING or INFO.*\[RULE004\] .*category must be one of RuleCategory.*\[RULE005\] .*check\(resource, stack\) must be a method/);
  });

  describe('a resource whose properties hold choices (Fn::If on a parameter)', () => {
    const conditional = new StackView('Choices', {
      Parameters: { Env: { Type: 'String' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: { Queue1: { Type: QUEUE, Properties: { KmsMasterKeyId: { 'Fn::If': ['IsProd', 'alias/mine', 'alias/aws/sqs'] } } } },
    });

    test('is judged in every combination: a violation in some is unable to decide, naming when it holds', () => {
      const findings = new AuditEngine({ rules: [new PropertyEqualsRule('KEY', QUEUE, 'KmsMasterKeyId', 'alias/mine')] }).audit([{ view: conditional }]);
      expect(findings).toEqual([expect.objectContaining({
        kind: FindingKind.UNDECIDABLE,
        severity: Severity.WARNING,
        message: expect.stringMatching(/KmsMasterKeyId is "alias\/aws\/sqs", but only when condition IsProd is false\. It depends on condition IsProd/),
      })]);
    });

    test('rules reading the resource back through the view, or memoising per view, see each combination', () => {
      const findings = new AuditEngine({ rules: [new ReadsThroughViewRule('AWS-KEY', QUEUE, 'KmsMasterKeyId', 'alias/aws/sqs')] }).audit([{ view: conditional }]);
      expect(findings.map((f) => f.kind)).toEqual([FindingKind.UNDECIDABLE]);
    });
  });

  describe('speaks the app\'s language in messages and fixes (JSII_AGENT)', () => {
    const rule = new AlwaysViolatedRule('LANG', [QUEUE]);
    Object.assign(rule, { remediation: 'Set `authType: FunctionUrlAuthType.AWS_IAM` on `fn.addFunctionUrl` (`lambda.Runtime.NODEJS_22_X`).' });
    const audit = () => new AuditEngine({ rules: [rule] }).audit([{ view: viewOfTemplate({ Queue1: template.Queue1 }) }])[0].remediation;
    afterEach(() => { delete process.env.JSII_AGENT; });

    test.each([
      [undefined, 'Set `authType: FunctionUrlAuthType.AWS_IAM` on `fn.addFunctionUrl` (`lambda.Runtime.NODEJS_22_X`).'],
      ['Python/3.11.7', 'Set `auth_type: FunctionUrlAuthType.AWS_IAM` on `fn.add_function_url` (`lambda_.Runtime.NODEJS_22_X`).'],
      ['Java/17.0.15', 'Set `authType: FunctionUrlAuthType.AWS_IAM` on `fn.addFunctionUrl` (`Runtime.NODEJS_22_X`).'],
    ])('%s', (agent, expected) => {
      if (agent !== undefined) process.env.JSII_AGENT = agent;
      expect(audit()).toBe(expected);
    });
  });

  test('audits every stack given and maps findings to construct paths and template files', () => {
    const { app, stack } = newAppAndStack('First');
    new sqs.Queue(stack, 'Queue');
    const second = new Stack(app, 'Second');
    new sqs.Queue(second, 'Other');
    const rule = new AlwaysViolatedRule('ALL', [QUEUE]);
    const findings = new AuditEngine({ rules: [rule] }).audit([synthesized(stack), synthesized(second)]);
    expect(findings.map((f) => [f.stackPath, f.constructPath])).toEqual([
      ['First', 'First/Queue/Resource'],
      ['Second', 'Second/Other/Resource'],
    ]);
    expect(findings[0].templatePath).toMatch(/First\.template\.json$/);
  });
});
