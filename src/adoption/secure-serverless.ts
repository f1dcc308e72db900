import { IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ServerlessSecurityChecks } from '../hosts/serverless-security-checks';
import { AuditOptions } from '../reporting/audit-options';

/** Everything `SecureServerless.audit` turns on: the audit's options, and cdk-nag's packs. */
export interface SecureServerlessAuditProps extends AuditOptions {
  /**
   * Also run cdk-nag's `AwsSolutionsChecks` and `ServerlessChecks` packs (cdk-nag 3, installed by the app) as
   * validation plugins. Acknowledgements made with `AuditAcknowledgements` are honoured by them too; `failOn` applies
   * to this library's findings only (cdk-nag's errors fail, its warnings are printed).
   *
   * @default false
   */
  readonly cdkNag?: boolean;
}

/**
 * One line that turns the whole audit on for an app: the serverless security rule pack as a validation plugin, the
 * JSON, Markdown and SARIF reports in `cdk.out` on every synthesis, the console summary, the baseline, and
 * optionally cdk-nag's packs.
 *
 * @example
 * const app = new App();
 * SecureServerless.audit(app, { failOn: Severity.ERROR, cdkNag: true, baselineFile: 'audit-baseline.json' });
 */
export class SecureServerless {
  /**
   * Registers the audit (and, when asked, cdk-nag's packs) on the app or stage of `scope`.
   *
   * @returns the registered `ServerlessSecurityChecks` plugin (call `audit(scope)` on it to inspect findings in tests)
   * @throws when `cdkNag` is true and cdk-nag 3 is not installed
   */
  public static audit(scope: IConstruct, props?: SecureServerlessAuditProps): ServerlessSecurityChecks {
    // The options travel as given: every option of the audit reaches the plugin and its reports.
    const checks = new ServerlessSecurityChecks(scope, props);
    if (props?.cdkNag) Validations.of(scope).addPlugins(...cdkNagPacks(scope));
    return checks;
  }

  private constructor() {}
}

/**
 * cdk-nag's packs. cdk-nag is loaded only when asked for: loading it takes about a second, which apps that do not
 * use it should not pay on every synthesis.
 */
function cdkNagPacks(scope: IConstruct): IPolicyValidationPlugin[] {
  let nag: typeof import('cdk-nag');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    nag = require('cdk-nag');
  } catch (error) {
    throw new Error(`SecureServerless.audit: cdkNag (cdk_nag in Python) is true but cdk-nag 3 is not loaded (${(error as Error).message}). `
      + 'Install it (npm install cdk-nag@^3; in Python pip install cdk-nag and `import cdk_nag` before calling audit; in Java '
      + 'io.github.cdklabs:cdknag), or leave cdkNag out.');
  }
  if (typeof nag.AwsSolutionsChecks !== 'function' || typeof nag.ServerlessChecks !== 'function') {
    throw new Error('SecureServerless.audit: cdkNag (cdk_nag in Python) is true but the installed cdk-nag has no '
      + 'AwsSolutionsChecks / ServerlessChecks validation plugins. Install cdk-nag 3 (npm install cdk-nag@^3; pip install '
      + 'cdk-nag; io.github.cdklabs:cdknag).');
  }
  return [new nag.AwsSolutionsChecks(scope), new nag.ServerlessChecks(scope)];
}
