import { App, Stack } from 'aws-cdk-lib';
import { CORPUS, CorpusCase } from './corpus';
import { Finding } from '../../src/core/finding';
import { Severity } from '../../src/core/rule';
import { ServerlessSecurityAspect, ServerlessSecurityChecks } from '../../src/hosts';

/** The findings of one host on the case's app: the plugin's direct audit, or the Aspect's during synthesis. */
function findingsOf(testCase: CorpusCase, host: 'plugin' | 'aspect'): Finding[] {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'cdk-secure-serverless:today': '2026-12-01' } } as any);
  const stack = new Stack(app, 'Case');
  testCase.build(stack);
  if (host === 'plugin') return new ServerlessSecurityChecks(undefined, { reporting: { writeReports: false, printSummary: false } } as any).audit(app);
  const aspect = ServerlessSecurityAspect.applyTo(app, { reporting: { writeReports: false, printSummary: false } } as any);
  try {
    app.synth();
  } catch {
    // an error finding fails the synthesis; the findings are still recorded
  } finally {
    process.exitCode = undefined;
  }
  return aspect.findings;
}

const open = (findings: Finding[]) => findings.filter((f) => !f.acknowledged);
const describe2 = (f: Finding) => `${f.ruleId} ${f.severity} ${f.message}`;

describe.each(['plugin', 'aspect'] as const)('adversarial corpus through the %s host', (host) => {
  const flaws = CORPUS.filter((c) => c.names);
  const controls = CORPUS.filter((c) => !c.names);

  test.each(flaws.map((c) => [c.name, c] as const))('names the flaw: %s', (_name, testCase) => {
    const named = open(findingsOf(testCase, host)).filter((f) => testCase.names!.test(`${f.ruleId} ${f.message}`));
    expect(named.map(describe2)).not.toEqual([]);
    if (testCase.error) expect(named.filter((f) => f.severity === Severity.ERROR).map(describe2)).not.toEqual([]);
  });

  test.each(controls.map((c) => [c.name, c] as const))('stays quiet on the secure twin: %s', (_name, testCase) => {
    expect(open(findingsOf(testCase, host)).filter((f) => f.severity === Severity.ERROR).map(describe2)).toEqual([]);
  });
});
