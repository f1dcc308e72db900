import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, CfnResource, IAspect, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { EMPTY_PACK, newApp, plainFunction, synthFailure } from './host-test-helpers';
import { Severity } from '../../src/core/rule';
import { ServerlessSecurityAspect } from '../../src/hosts/serverless-security-aspect';
import { AlwaysViolatedRule, EnvironmentVariableRule, PropertyEqualsRule } from '../engine/fake-rules';

const QUEUE = 'AWS::SQS::Queue';
const tracingRule = () => new PropertyEqualsRule('FAKE-TRACING', 'AWS::Lambda::Function', 'TracingConfig.Mode', 'Active');

function aspect(rules: any[], failOn?: Severity): ServerlessSecurityAspect {
  return new ServerlessSecurityAspect({ pack: EMPTY_PACK, additionalRules: rules, failOn });
}

describe('ServerlessSecurityAspect', () => {
  test('an error finding becomes an error annotation on the resource (which names path and logical id), with rule and fix', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    plainFunction(stack, 'Fn');
    Aspects.of(app).add(aspect([tracingRule()]));
    Annotations.fromStack(stack).hasError('/Stack/Fn/Resource',
      '[FAKE-TRACING] TracingConfig.Mode is undefined. Fix: Fix FAKE-TRACING.');
  });

  test('a warning finding is not annotated (it is in the reports, and printed once when the synthesis passes)', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    Aspects.of(app).add(aspect([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.WARNING)]));
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('FAKE-HYGIENE'))).toEqual([]);
    annotations.hasNoError('*', Match.anyValue());
  });

  test('failOn WARNING turns warnings into errors', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    Aspects.of(app).add(aspect([new AlwaysViolatedRule('FAKE-HYGIENE', [QUEUE], Severity.WARNING)], Severity.WARNING));
    Annotations.fromStack(stack).hasError('/Stack/Queue/Resource', Match.stringLikeRegexp('FAKE-HYGIENE'));
  });

  test.each([['ServerlessSecurityChecks::FAKE-TRACING'], ['FAKE-TRACING']])(
    'applies acknowledge({ id: %s }) before reporting, since CDK cannot acknowledge errors', (id) => {
      const app = newApp();
      const stack = new Stack(app, 'Stack');
      Validations.of(stack).acknowledge({ id, reason: 'Tracing is sampled upstream' });
      plainFunction(stack, 'Fn');
      const audit = aspect([tracingRule()]);
      Aspects.of(app).add(audit);
      Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
      expect(audit.findings).toEqual([expect.objectContaining({ ruleId: 'FAKE-TRACING', acknowledged: true, acknowledgedAt: 'Stack' })]);
    });

  test('a granular acknowledgement silences exactly that finding', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const fn = plainFunction(stack, 'Fn').addEnvironment('A', '1').addEnvironment('B', '2');
    Validations.of(fn).acknowledge({ id: 'FAKE-ENV[A]', reason: 'Variable A holds a public value' });
    Aspects.of(app).add(aspect([new EnvironmentVariableRule('FAKE-ENV')]));
    const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
    expect(errors).toEqual([expect.stringMatching(/^\[FAKE-ENV\[B\]\]/)]);
  });

  test('a raw override changes what the rules see', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    (plainFunction(stack, 'Fn').node.defaultChild as CfnResource).addPropertyOverride('TracingConfig.Mode', 'Active');
    Aspects.of(app).add(aspect([tracingRule()]));
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('judges the result of the other Aspects, even those added later and lower in the tree', () => {
    class EnableTracing implements IAspect {
      public visit(node: IConstruct): void {
        if (node instanceof lambda.CfnFunction) node.tracingConfig = { mode: 'Active' };
      }
    }
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    plainFunction(stack, 'Fn');
    ServerlessSecurityAspect.applyTo(app, { pack: EMPTY_PACK, additionalRules: [tracingRule()] });
    Aspects.of(stack).add(new EnableTracing());
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('sees a reference to another stack as the Fn::ImportValue the template will hold', () => {
    const app = newApp();
    const queue = new sqs.Queue(new Stack(app, 'Shared'), 'Queue');
    const stack = new Stack(app, 'Stack');
    plainFunction(stack, 'Fn').addEnvironment('QUEUE_URL', queue.queueUrl);
    const audit = aspect([new PropertyEqualsRule('FAKE-ENV', 'AWS::Lambda::Function', 'Environment.Variables.QUEUE_URL', 'x')]);
    Aspects.of(app).add(audit);
    Annotations.fromStack(stack);
    expect(audit.result?.findings).toEqual([expect.objectContaining({ kind: 'undecidable', message: expect.stringMatching(/Unable to decide: .*Fn::ImportValue/) })]);
  });

  test('an error finding fails the synthesis when annotations are part of the validation report', () => {
    const app = newApp({ '@aws-cdk/core:annotationsInValidationReport': true });
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    Aspects.of(app).add(aspect([tracingRule()]));
    expect(synthFailure(app)).toMatch(/ERROR \[FAKE-TRACING\] TracingConfig\.Mode is undefined\.[^\n]*\n {3}Stack\/Fn\/Resource \(Fn9270CBC0\)/);
  });

  test('several stacks: evaluated once when the last is audited, every stack annotated, reports cover all of them', () => {
    const app = newApp();
    const stacks = ['One', 'Two', 'Three'].map((id) => new Stack(app, id));
    stacks.forEach((stack) => plainFunction(stack, 'Fn'));
    const audit = aspect([tracingRule()]);
    Aspects.of(app).add(audit);
    const evaluate = jest.spyOn((audit as any).run, 'report');
    const assembly = app.synth();
    expect(evaluate).toHaveBeenCalledTimes(1);
    for (const stack of stacks) {
      Annotations.fromStack(stack).hasError(`/${stack.stackName}/Fn/Resource`, Match.stringLikeRegexp('FAKE-TRACING'));
    }
    const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'security-audit.json'), 'utf8'));
    expect(report.findings.map((f: any) => f.stackPath).sort()).toEqual(['One', 'Three', 'Two']);
    expect(audit.result?.stackPaths.sort()).toEqual(['One', 'Three', 'Two']);
  });

  test('a second synthesis audits the stacks again and reports once more', () => {
    const app = newApp();
    ['One', 'Two'].forEach((id) => plainFunction(new Stack(app, id), 'Fn'));
    const audit = aspect([tracingRule()]);
    Aspects.of(app).add(audit);
    const evaluate = jest.spyOn((audit as any).run, 'report');
    app.synth();
    app.synth({ force: true });
    expect(evaluate).toHaveBeenCalledTimes(2);
    expect(audit.findings).toHaveLength(2);
  });
  test('names no template line before the template is written: an earlier synthesis\'s file in the same folder is not read', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'aspect-lines-'));
    const synthesize = (queuesBefore: number) => {
      const app = new App({ outdir, builtinCloudFormationValidation: false } as any);
      const stack = new Stack(app, 'S');
      for (let i = 0; i < queuesBefore; i++) new sqs.Queue(stack, `AQueue${i}`);
      plainFunction(stack, 'Fn');
      Aspects.of(app).add(aspect([tracingRule()]));
      try {
        app.synth();
      } catch {
        // the fake rule's error fails the synthesis; the reports are written first
      } finally {
        process.exitCode = undefined;
      }
      return JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf8')).findings[0];
    };
    synthesize(0);
    const finding = synthesize(3); // the earlier template has the function 3 resources higher
    expect(finding.templateLine).toBeUndefined();
    expect(finding.source?.file).toMatch(/host-test-helpers\.ts$/); // the user's line is still named
  });
});
