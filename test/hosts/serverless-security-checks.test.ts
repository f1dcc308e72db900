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

function checks(rules: any[], props: { failOn?: Severity; verbose?: boolean } = {}) {
  return { pack: EMPTY_PACK, additionalRules: rules, ...props };
}

describe('ServerlessSecurityChecks as a validation plugin', () => {
  test('new ServerlessSecurityChecks(app) registers itself and fails synth on an error finding', () => {
    const app = newApp();
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    new ServerlessSecurityChecks(app, checks([tracingRule()]));
    const message = synthFailure(app);
    expect(message).toMatch(/ServerlessSecurityChecks/);
    expect(message).toMatch(/\[FAKE-TRACING\] TracingConfig\.Mode is undefined\./);
    expect(message).toMatch(/Stack\/Fn\/Resource \(Fn9270CBC0\)/);
    expect(message).toMatch(/Suggested fix: Fix FAKE-TRACING\./);
  });

  test('Validations.of(app).addPlugins(new ServerlessSecurityChecks()) works the same', () => {
    const app = newApp();
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    Validations.of(app).addPlugins(new ServerlessSecurityChecks(undefined, checks([tracingRule()])));
    expect(synthFailure(app)).toMatch(/FAKE-TRACING/);
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

  test('warnings do not fail the synthesis and stay out of CDK\'s report', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    new ServerlessSecurityChecks(app, checks([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.WARNING)]));
    const { printed } = synthSuccess(app);
    // By default CDK's report lists only what fails (warnings are in the console summary and the reports).
    expect(printed).not.toMatch(/\[FAKE-HYGIENE\]/);
  });

  test('verbose: warnings are listed in CDK\'s validation report too, and still do not fail', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    new ServerlessSecurityChecks(app, checks([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.WARNING)], { verbose: true }));
    const { printed } = synthSuccess(app);
    expect(printed).toMatch(/WARNING[\s\S]*\[FAKE-HYGIENE\][\s\S]*Stack\/Queue\/Resource/);
  });

  test('failOn WARNING fails on warnings, even when the app holds unrelated acknowledgements', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    // With any acknowledgement present, CDK recomputes `success` from the severity labels of the violations.
    Validations.of(stack).acknowledge({ id: 'ServerlessSecurityChecks::UNRELATED', reason: 'unrelated rule' });
    new ServerlessSecurityChecks(app, checks([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.WARNING)], { failOn: Severity.WARNING }));
    expect(synthFailure(app)).toMatch(/\[FAKE-HYGIENE\][^\n]*Severity warning; it fails because failOn is warning/);
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
    Validations.of(fn).acknowledge({ id: 'ServerlessSecurityChecks::FAKE-ENV[A]', reason: 'A is public' });
    new ServerlessSecurityChecks(app, checks([new EnvironmentVariableRule('FAKE-ENV')]));
    const message = synthFailure(app);
    expect(message).toMatch(/\[FAKE-ENV\[B\]\]/);
    expect(message).not.toMatch(/FAKE-ENV\[A\]\]/);
  });

  test('verbose lists acknowledged findings with their reason as info', () => {
    const app = newApp();
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    Validations.of(queue).acknowledge({ id: 'FAKE', reason: 'Accepted risk, SEC-42' });
    const plugin = new ServerlessSecurityChecks(undefined, checks([new AlwaysViolatedRule('FAKE', [QUEUE])], { verbose: true }));
    const report = plugin.validateScope(app);
    expect(report.success).toBe(true);
    expect(report.violations).toEqual([expect.objectContaining({
      ruleName: 'FAKE', severity: 'info', description: expect.stringMatching(/Acknowledged at Stack\/Queue: Accepted risk, SEC-42/),
    })]);
  });

  test('audits stacks of nested stages and nested stacks, mapped to their constructs', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    const parent = new Stack(stage, 'Parent');
    new sqs.Queue(parent, 'Top');
    new sqs.Queue(new NestedStack(parent, 'Child'), 'Inner');
    const plugin = new ServerlessSecurityChecks(app, checks([new AlwaysViolatedRule('FAKE', [QUEUE])]));
    const message = synthFailure(app);
    expect(message).toMatch(/Prod\/Parent\/Top\/Resource/);
    expect(message).toMatch(/Prod\/Parent\/Child\/Inner\/Resource/);
    expect(plugin.audit(app).map((f) => f.constructPath).sort()).toEqual(['Prod/Parent/Child/Inner/Resource', 'Prod/Parent/Top/Resource']);
  });

  test('validateScope and audit give the report and the findings directly, without synthesizing', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const plugin = new ServerlessSecurityChecks(undefined, checks([new AlwaysViolatedRule('FAKE', [QUEUE])]));
    expect(plugin.validateScope(app)).toMatchObject({ success: false, violations: [{ ruleName: 'FAKE', severity: 'error' }] });
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
    expect(report.violations.flatMap((v) => v.violatingResources.map((r) => r.resourceLogicalId)))
      .toEqual([stack.resolve((stack.node.findChild('Mine').node.defaultChild as CfnResource).logicalId)]);
    expect(plugin.audit(app).map((f) => f.constructPath)).toEqual(['Stack/Mine/Resource']);
  });

  test('lists the ids of the rules it runs', () => {
    const plugin = new ServerlessSecurityChecks(undefined, checks([new NeverViolatedRule('A', [QUEUE]), new NeverViolatedRule('B', [QUEUE])]));
    expect(plugin.name).toBe('ServerlessSecurityChecks');
    expect(plugin.ruleIds).toEqual(['A', 'B']);
  });
});
