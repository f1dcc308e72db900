import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ServerlessSecurityChecks } from '../../src/hosts';

/** The error codes of the `SecureConstructValidationError` that `build` throws (any other error is rethrown). */
export function codesOf(build: () => unknown): string[] {
  try {
    build();
  } catch (e: any) {
    if (e.name !== 'SecureConstructValidationError') throw e;
    return e.problems.map((p: any) => p.code);
  }
  throw new Error('expected a SecureConstructValidationError');
}

/** The error that `build` throws. */
export function errorOf(build: () => unknown): any {
  try {
    build();
  } catch (e: any) {
    return e;
  }
  throw new Error('expected an error');
}

type NagReport = { violations: Array<{ ruleName: string; violatingResources: Array<{ constructPath?: string }> }> };

/** A cdk-nag pack's unacknowledged findings on `scope`, as `<rule> @ <construct path>`. */
export function nagFindings(pack: { validateScope(s: IConstruct): NagReport }, scope: IConstruct): string[] {
  return pack.validateScope(scope).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
}

/** Our audit's unacknowledged error findings on `stack`, as `<rule> @ <construct path>`. */
export function unacknowledgedAuditErrors(stack: Stack): string[] {
  return new ServerlessSecurityChecks().audit(stack)
    .filter((f) => f.severity === 'error' && !f.acknowledged)
    .map((f) => `${f.ruleId} @ ${f.constructPath}`);
}

/** Our audit's findings of one rule on `stack`, acknowledged ones included. */
export function auditFindings(stack: Stack, ruleId: string): Array<{ acknowledged: boolean; constructPath: string }> {
  return new ServerlessSecurityChecks().audit(stack).filter((f) => f.ruleId === ruleId);
}

/** The day construct tests are judged on: runtime deprecation dates must not make tests fail as time passes. */
export const TEST_TODAY = '2026-12-01';

/** An app for construct tests: built-in CloudFormation validation off, `cdk-secure-serverless:today` pinned. */
export function testApp(context: { [key: string]: unknown } = {}): App {
  return new App({ builtinCloudFormationValidation: false, context: { 'cdk-secure-serverless:today': TEST_TODAY, ...context } } as any);
}

/**
 * What a hostile prop must produce: a `SecureConstructValidationError` whose problems include `code`, never a
 * TypeError, RangeError or an aws-cdk-lib error without our code. Returns the error for further checks.
 */
export function expectCoded(build: () => unknown, code: string): { message: string; problems: Array<{ code: string; prop: string }> } {
  let error: any;
  try {
    build();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`expected [${code}] but nothing was thrown (the hostile prop was accepted)`);
  if (error.name !== 'SecureConstructValidationError') {
    throw new Error(`expected [${code}] but got an uncoded ${error.name}: ${error.message}`);
  }
  expect(error.problems.map((p: any) => p.code)).toContain(code);
  return error;
}
