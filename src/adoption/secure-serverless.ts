import { IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IRule, Severity } from '../core/rule';
import { ServerlessSecurityChecks } from '../hosts/serverless-security-checks';
import { IRulePack } from '../packs/rule-pack';
import { AuditReportingOptions } from '../reporting/audit-reporting-options';

/** Everything `SecureServerless.audit` turns on, in one flat struct. */
export interface SecureServerlessAuditProps extends AuditReportingOptions {
  /**
   * The lowest severity of this library's findings that fails `cdk synth`. cdk-nag's packs keep their own levels
   * (their errors fail, their warnings are printed).
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * Also run cdk-nag's `AwsSolutionsChecks` and `ServerlessChecks` packs (cdk-nag 3, a peer dependency) as
   * validation plugins. Acknowledgements made with `AuditAcknowledgements` are honoured by them too.
   *
   * @default false
   */
  readonly cdkNag?: boolean;
  /**
   * The rule pack to run.
   *
   * @default - `ServerlessSecurityPack`: every built-in rule
   */
  readonly pack?: IRulePack;
  /**
   * Rules to run besides the pack's, for example a team's own `IRule` classes.
   *
   * @default - none
   */
  readonly additionalRules?: IRule[];
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
    const checks = new ServerlessSecurityChecks(scope, {
      pack: props?.pack,
      additionalRules: props?.additionalRules,
      failOn: props?.failOn,
      reporting: {
        writeReports: props?.writeReports,
        reportName: props?.reportName,
        consoleSummary: props?.consoleSummary,
        baselineFile: props?.baselineFile,
        sourceRoot: props?.sourceRoot,
      },
    });
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
    throw new Error(`SecureServerless.audit: cdkNag is true but cdk-nag could not be loaded (${(error as Error).message}). `
      + 'Install it (npm install --save-dev cdk-nag@^3) or leave cdkNag out.');
  }
  if (typeof nag.AwsSolutionsChecks !== 'function' || typeof nag.ServerlessChecks !== 'function') {
    throw new Error('SecureServerless.audit: cdkNag is true but the installed cdk-nag has no AwsSolutionsChecks / '
      + 'ServerlessChecks validation plugins. Install cdk-nag 3 (npm install --save-dev cdk-nag@^3).');
  }
  return [new nag.AwsSolutionsChecks(scope), new nag.ServerlessChecks(scope)];
}
