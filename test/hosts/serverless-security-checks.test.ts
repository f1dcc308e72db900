import { CfnResource, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { EMPTY_PACK, newApp, plainFunction, synthFailure, synthSuccess } from './host-test-helpers';
import { FindingKind } from '../../src/core/finding';
import { Severity } from '../../src/core/rule';
import { ServerlessSecurityChecks } from '../../src/hosts/serverless-security-checks';
import { AlwaysViolatedRule, EnvironmentVariableRule, NeverViolatedRule, PropertyEqualsRule } from '../engine/fake-rules';

const QUEUE = 'AWS::SQS::Queue';
const tracingRule = () => new PropertyEqualsRule('FAKE-TRACING', 'AWS::Lambda::Function', 'TracingConfig.Mode', 'Active');

function checks(rules: any[], props: { failOn?: Severity } = {}) {
  return { pack: EMPTY_PACK, additionalRules: rules, consoleSummary: false, ...props };
}

describe('ServerlessSecurityChecks as a validation plugin', () => {
  test('new ServerlessSecurityChecks(app) registers itself and fails synth on an error finding', () => {
    const app = newApp();
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    new ServerlessSecurityChecks(app, checks([tracingRule()]));
    const message = synthFailure(app);
    expect(message).toMatch(/ServerlessSecurityChecks/);
    expect(message).toMatch(/Serverless security audit: 1 finding in Stack must be fixed or acknowledged\.\nStack\/Fn \(test\/hosts\/host-test-helpers\.ts:\d+\)\n/);
    expect(message).toContain('\n  ERROR FAKE-TRACING: TracingConfig.Mode is undefined.\n    Fix: Fix FAKE-TRACING.\n');
    expect(message).toMatch(/Serverless security audit FAILED: 1 finding fails \(failOn error\); /);
  });

  test('Validations.of(app).addPlugins(new ServerlessSecurityChecks()) works the same', () => {
    const app = newApp();
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    Validations.of(app).addPlugins(new ServerlessSecurityChecks(undefined, checks([tracingRule()])));
    expect(synthFailure(app)).toMatch(/FAKE-TRACING/);
  });

  test('a custom rule with an id that would break acknowledgement ids is refused with a coded error', () => {
    expect(() => new ServerlessSecurityChecks(newApp(), checks([new NeverViolatedRule('MY::RULE [x]', [QUEUE])])))
      .toThrow(/\[RULE001\] rule "MY::RULE \[x\]": the id must be letters, digits and single hyphens/);
  });

  test('options passed first (untyped callers) get a clear error, not a crash inside aws-cdk-lib', () => {
    const options = checks([tracingRule()]) as any;
    expect(() => new ServerlessSecurityChecks(options)).toThrow(/first argument is the app or stage to register on.*options\s+come second/s);
  });

  test('registering the self-registered instance again runs it once', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const counter = new NeverViolatedRule('COUNT', [QUEUE]);
    Validations.of(app).addPlugins(new ServerlessSecurityChecks(app, checks([counter])));
    synthSuccess(app);
    expect(counter.calls).toHaveLength(1);
  });

  test('warnings do not fail the synthesis: CDK reports nothing, the audit prints each once and a closing line', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    new ServerlessSecurityChecks(app, { ...checks([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.WARNING)]), consoleSummary: true });
    const { printed } = synthSuccess(app);
    expect(printed.split('\n')).toEqual([
      expect.stringMatching(/^Stack\/Queue \(/),
      '  warning FAKE-HYGIENE: It is always violated.',
      expect.stringMatching(/^Serverless security audit passed: 1 open warning, 0 open info, 0 acknowledged, 0 baselined in 1 stack\. Details: .*security-audit\.md\.$/),
    ]);
  });

  test('an app whose findings are all info passes and prints only the closing line', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    new ServerlessSecurityChecks(app, { ...checks([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.INFO)]), consoleSummary: true });
    expect(synthSuccess(app).printed).toMatch(/^Serverless security audit passed: 0 open warnings, 1 open info, .*\.$/);
  });

  test('failOn WARNING fails on warnings, even when the app holds unrelated acknowledgements', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    // With any acknowledgement present, CDK recomputes `success` from the severity labels of the violations.
    Validations.of(stack).acknowledge({ id: 'AwsSolutions::IAM5', reason: 'Another tool\'s rule, reviewed' });
    new ServerlessSecurityChecks(app, checks([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.WARNING)], { failOn: Severity.WARNING }));
    expect(synthFailure(app)).toMatch(/\n {2}WARNING FAKE-HYGIENE: It is always violated\.[\s\S]*1 finding fails \(failOn warning\)/);
  });

  test('a raw override changes what the rules see', () => {
    const app = newApp();
    const fn = plainFunction(new Stack(app, 'Stack'), 'Fn');
    (fn.node.defaultChild as CfnResource).addPropertyOverride('TracingConfig.Mode', 'Active');
    new ServerlessSecurityChecks(app, checks([tracingRule()]));
    expect(synthSuccess(app).printed).not.toMatch(/FAKE-TRACING/);
  });

  test.each([
    ['ServerlessSecurityChecks::FAKE-TRACING'],
    ['FAKE-TRACING'],
  ])('honours acknowledge({ id: %s }) on the resource', (id) => {
    const app = newApp();
    const fn = plainFunction(new Stack(app, 'Stack'), 'Fn');
    Validations.of(fn).acknowledge({ id, reason: 'Tracing is sampled by the caller' });
    const plugin = new ServerlessSecurityChecks(app, checks([tracingRule()]));
    synthSuccess(app);
    const [finding] = plugin.audit(app);
    expect(finding).toMatchObject({ acknowledged: true, acknowledgedReason: 'Tracing is sampled by the caller' });
  });

  test('a stack-level acknowledgement covers the stack\'s resources', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    plainFunction(stack, 'A');
    plainFunction(stack, 'B');
    Validations.of(stack).acknowledge({ id: 'FAKE-TRACING', reason: 'Tracing is off for this stack' });
    new ServerlessSecurityChecks(app, checks([tracingRule()]));
    synthSuccess(app);
  });

  test('granular findings are reported and acknowledged as <rule>[<finding>]', () => {
    const app = newApp();
    const fn = plainFunction(new Stack(app, 'Stack'), 'Fn');
    fn.addEnvironment('A', '1').addEnvironment('B', '2');
    Validations.of(fn).acknowledge({ id: 'ServerlessSecurityChecks::FAKE-ENV[A]', reason: 'Variable A holds a public value' });
    new ServerlessSecurityChecks(app, checks([new EnvironmentVariableRule('FAKE-ENV')]));
    const message = synthFailure(app);
    expect(message).toMatch(/ERROR FAKE-ENV\[B\]: /);
    expect(message).not.toMatch(/FAKE-ENV\[A\]/);
  });

  test('an acknowledged finding passes; the acknowledgement and its reason are in the reports', () => {
    const app = newApp();
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    Validations.of(queue).acknowledge({ id: 'FAKE', reason: 'Accepted risk, SEC-42' });
    const plugin = new ServerlessSecurityChecks(undefined, checks([new AlwaysViolatedRule('FAKE', [QUEUE])]));
    expect(plugin.validateScope(app)).toMatchObject({ success: true, violations: [] });
    expect(plugin.evaluate(app).findings[0].acknowledgement).toMatchObject({ reason: 'Accepted risk, SEC-42', constructPath: 'Stack/Queue' });
  });

  test('audits stacks of nested stages and nested stacks, mapped to their constructs', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    const parent = new Stack(stage, 'Parent');
    new sqs.Queue(parent, 'Top');
    new sqs.Queue(new NestedStack(parent, 'Child'), 'Inner');
    const plugin = new ServerlessSecurityChecks(app, checks([new AlwaysViolatedRule('FAKE', [QUEUE])]));
    const message = synthFailure(app);
    expect(message).toMatch(/\nProd\/Parent\/Top \(/);
    expect(message).toMatch(/\nProd\/Parent\/Child\/Inner \(/);
    expect(plugin.audit(app).map((f) => f.constructPath).sort()).toEqual(['Prod/Parent/Child/Inner/Resource', 'Prod/Parent/Top/Resource']);
  });

  test('validateScope and audit give the report and the findings directly, without synthesizing', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const plugin = new ServerlessSecurityChecks(undefined, checks([new AlwaysViolatedRule('FAKE', [QUEUE])]));
    expect(plugin.validateScope(app)).toMatchObject({
      success: false,
      violations: [{ ruleName: 'SLS-AUDIT', severity: 'fatal', violatingResources: [{ constructPath: 'Stack' }], description: expect.stringContaining('ERROR FAKE: ') }],
    });
    expect(plugin.audit(app)).toEqual([expect.objectContaining({ ruleId: 'FAKE', kind: FindingKind.VIOLATION, constructPath: 'Stack/Queue/Resource' })]);
  });

  test('framework resources (a BucketDeployment handler) get no finding for rules their users cannot fix', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new s3deploy.BucketDeployment(stack, 'Deploy', { sources: [s3deploy.Source.data('a.txt', 'a')], destinationBucket: new s3.Bucket(stack, 'Site') });
    plainFunction(stack, 'Mine');
    const plugin = new ServerlessSecurityChecks(undefined, checks([new AlwaysViolatedRule('SLS-LAMBDA-TRACING', ['AWS::Lambda::Function'])]));
    const assembly = app.synth();
    const report = plugin.validate({ templatePaths: assembly.stacks.map((s) => s.templateFullPath), appConstruct: app } as any);
    expect(report.violations.map((v) => v.description.split('\n').filter((l) => /^\S/.test(l)))).toEqual([[
      'Serverless security audit: 1 finding in Stack must be fixed or acknowledged.',
      expect.stringMatching(/^Stack\/Mine \(/),
      expect.stringMatching(/^Serverless security audit FAILED: /),
    ]]);
    expect(plugin.audit(app).map((f) => f.constructPath)).toEqual(['Stack/Mine/Resource']);
  });

  test('lists the ids of the rules it runs', () => {
    const plugin = new ServerlessSecurityChecks(undefined, checks([new NeverViolatedRule('A', [QUEUE]), new NeverViolatedRule('B', [QUEUE])]));
    expect(plugin.name).toBe('ServerlessSecurityChecks');
    expect(plugin.ruleIds).toEqual(['A', 'B']);
  });
});
