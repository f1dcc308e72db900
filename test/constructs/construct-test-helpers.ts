import { Stack } from 'aws-cdk-lib';
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
