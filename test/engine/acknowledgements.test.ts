import { Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { newAppAndStack, synthesized } from './engine-test-helpers';
import { AlwaysViolatedRule, EnvironmentVariableRule } from './fake-rules';
import { AcknowledgementIndex } from '../../src/acknowledgements/private/acknowledgement-index';
import { Finding } from '../../src/core/finding';
import { AuditEngine } from '../../src/engine/audit-engine';

const FUNCTION = 'AWS::Lambda::Function';

function functionIn(scope: Construct, id: string, environment?: { [key: string]: string }): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = 1'), environment,
  });
}

function auditFunctions(stack: Stack, ...rules: (AlwaysViolatedRule | EnvironmentVariableRule)[]): Finding[] {
  return new AuditEngine({ rules }).audit([synthesized(stack)]);
}

function acknowledged(findings: Finding[]): Array<[string, boolean]> {
  return findings.map((f) => [`${f.constructPath}:${f.ruleId}${f.findingId ? `[${f.findingId}]` : ''}`, f.acknowledged]);
}

describe('acknowledgements', () => {
  test('a plugin-qualified acknowledgement on the resource covers it, with reason, id and place', () => {
    const { stack } = newAppAndStack();
    const fn = functionIn(stack, 'Fn');
    functionIn(stack, 'Other');
    Validations.of(fn).acknowledge({ id: 'ServerlessSecurityChecks::FAKE', reason: 'Reviewed in SEC-1' });
    const findings = auditFunctions(stack, new AlwaysViolatedRule('FAKE', [FUNCTION]));
    expect(acknowledged(findings)).toEqual([['Stack/Fn/Resource:FAKE', true], ['Stack/Other/Resource:FAKE', false]]);
    expect(findings[0]).toMatchObject({
      acknowledgedReason: 'Reviewed in SEC-1',
      acknowledgedId: 'ServerlessSecurityChecks::FAKE',
      acknowledgedAt: 'Stack/Fn',
    });
  });

  test('a bare id (stored by CDK as Annotation::<id>) is accepted too', () => {
    const { stack } = newAppAndStack();
    Validations.of(functionIn(stack, 'Fn')).acknowledge({ id: 'FAKE', reason: 'Reviewed with the security team' });
    const [finding] = auditFunctions(stack, new AlwaysViolatedRule('FAKE', [FUNCTION]));
    expect(finding.acknowledged).toBe(true);
    expect(finding.acknowledgedId).toMatch(/^annotation::FAKE$/i);
  });

  test('a stack-level acknowledgement covers every resource of the stack', () => {
    const { stack } = newAppAndStack();
    functionIn(stack, 'A');
    functionIn(new Construct(stack, 'Deep'), 'B');
    Validations.of(stack).acknowledge({ id: 'FAKE', reason: 'Whole stack reviewed' });
    const findings = auditFunctions(stack, new AlwaysViolatedRule('FAKE', [FUNCTION]), new AlwaysViolatedRule('OTHER', [FUNCTION]));
    expect(acknowledged(findings)).toEqual([
      ['Stack/A/Resource:FAKE', true], ['Stack/A/Resource:OTHER', false],
      ['Stack/Deep/B/Resource:FAKE', true], ['Stack/Deep/B/Resource:OTHER', false],
    ]);
    expect(findings[2].acknowledgedAt).toBe('Stack');
  });

  test('the closest acknowledgement wins', () => {
    const { stack } = newAppAndStack();
    const fn = functionIn(stack, 'Fn');
    Validations.of(stack).acknowledge({ id: 'FAKE', reason: 'stack reason' });
    Validations.of(fn).acknowledge({ id: 'FAKE', reason: 'function reason' });
    expect(auditFunctions(stack, new AlwaysViolatedRule('FAKE', [FUNCTION]))[0].acknowledgedReason).toBe('function reason');
  });

  test('a granular acknowledgement covers exactly that finding', () => {
    const { stack } = newAppAndStack();
    Validations.of(functionIn(stack, 'Fn', { A: '1', B: '2' })).acknowledge({ id: 'ServerlessSecurityChecks::ENV[A]', reason: 'Variable A holds a public value' });
    expect(acknowledged(auditFunctions(stack, new EnvironmentVariableRule('ENV')))).toEqual([
      ['Stack/Fn/Resource:ENV[A]', true], ['Stack/Fn/Resource:ENV[B]', false],
    ]);
  });

  test('a whole-rule acknowledgement covers every granular finding of the rule in the subtree', () => {
    const { stack } = newAppAndStack();
    Validations.of(stack).acknowledge({ id: 'ENV', reason: 'Variables reviewed' });
    functionIn(stack, 'Fn', { A: '1', B: '2' });
    expect(acknowledged(auditFunctions(stack, new EnvironmentVariableRule('ENV')))).toEqual([
      ['Stack/Fn/Resource:ENV[A]', true], ['Stack/Fn/Resource:ENV[B]', true],
    ]);
  });

  test('acknowledgements of other tools and of other rules are ignored', () => {
    const { stack } = newAppAndStack();
    const fn = functionIn(stack, 'Fn');
    Validations.of(fn).acknowledge({ id: 'AwsSolutions::FAKE', reason: 'cdk-nag rule with the same name' });
    Validations.of(fn).acknowledge({ id: 'FAKE-2', reason: 'a different rule of ours' });
    expect(auditFunctions(stack, new AlwaysViolatedRule('FAKE', [FUNCTION]))[0].acknowledged).toBe(false);
  });

  test('an acknowledgement whose reason is not real text acknowledges nothing', () => {
    const { stack } = newAppAndStack();
    Validations.of(functionIn(stack, 'Fn')).acknowledge({ id: 'FAKE', reason: 'xxxxxxxxxxxxxxxx' });
    expect(auditFunctions(stack, new AlwaysViolatedRule('FAKE', [FUNCTION]))[0].acknowledged).toBe(false);
  });

  test('the lower-case annotation:: prefix of aws-cdk-lib before 2.262.1 is accepted', () => {
    const { stack } = newAppAndStack();
    functionIn(stack, 'Fn').node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { 'annotation::FAKE': 'Recorded by an older aws-cdk-lib' });
    expect(auditFunctions(stack, new AlwaysViolatedRule('FAKE', [FUNCTION]))[0].acknowledged).toBe(true);
  });

  test.each([
    ['ServerlessSecurityChecks::SLS-X', 'SLS-X'],
    ['Annotation::SLS-X', 'SLS-X'],
    ['annotation::SLS-X[a::b]', 'SLS-X[a::b]'],
    ['SLS-X[VAR]', 'SLS-X[VAR]'],
    ['AwsSolutions::L1', undefined],
  ])('ruleIdOf(%s) is %s', (recorded, ruleId) => {
    expect(AcknowledgementIndex.ruleIdOf(recorded)).toBe(ruleId);
  });
});
