import { IConstruct } from 'constructs';
import { Finding } from '../../core/finding';
import { Severity } from '../../core/rule';
import { AuditedStack, AuditEngine } from '../../engine/audit-engine';
import { RulePacks } from '../../packs/private/rule-packs';
import { ServerlessSecurityPack } from '../../packs/serverless-security-pack';
import { AuditOptions } from '../../reporting/audit-options';
import { AuditResult } from '../../reporting/audit-result';
import { AuditReporter } from '../../reporting/private/reporter';
import { RuleDescription } from '../../reporting/report-types';
import { RuleRegistry } from '../../rules/rule-registry';

/**
 * What a host was configured with, built once from its one `AuditOptions` object: the engine with the pack's rules,
 * and the reporter that evaluates, writes and prints with the same options.
 */
export class AuditRun {
  private static builtInIds?: string[];

  /** The ids of the built-in rules (the registry builds every rule: once per process is enough). */
  private static builtInRuleIds(): string[] {
    AuditRun.builtInIds ??= RuleRegistry.builtIn().ids;
    return AuditRun.builtInIds;
  }

  public readonly engine: AuditEngine;
  public readonly ruleIds: string[];
  private readonly reporter: AuditReporter;

  constructor(options: AuditOptions) {
    const props = RulePacks.engineProps(options.pack ?? new ServerlessSecurityPack(), options.additionalRules);
    this.engine = new AuditEngine(props);
    this.ruleIds = props.rules.map((r) => r.id);
    // The severity each rule runs with, described once for the reports (the engine judges with the same table).
    const rules: RuleDescription[] = props.rules.map((rule) => ({
      id: rule.id,
      description: rule.description,
      remediation: rule.remediation,
      severity: props.severityOverrides?.[rule.id] ?? rule.severity,
      category: rule.category,
    }));
    // An acknowledgement may name any registered rule (a pack may leave some out) and any rule that ran.
    const known = new Set([...AuditRun.builtInRuleIds(), ...this.ruleIds]);
    this.reporter = new AuditReporter(options, rules, known);
  }

  public get failOn(): Severity {
    return this.reporter.failOn;
  }

  /** Audits the stacks and reports: evaluates, and when an output folder is given, writes the reports. */
  public auditAndReport(stacks: AuditedStack[], root: IConstruct | undefined, outdir: string | undefined): AuditResult {
    return this.report(this.engine.audit(stacks), stacks, root, outdir);
  }

  /** Reports on findings the engine already gave. */
  public report(findings: Finding[], stacks: AuditedStack[], root: IConstruct | undefined, outdir: string | undefined): AuditResult {
    return this.reporter.report({ findings, stacks, root, outdir });
  }

  /**
   * Makes the reports in `outdir` describe each synthesis from its start: aws-cdk-lib validates the construct tree,
   * root first, before any template is written, so a validation on the root replaces an earlier run's reports with
   * ones that say the audit has not completed. The audit overwrites them when it completes; a synthesis stopped by
   * another construct's error leaves them, and they say so.
   */
  public replaceReportsAtStart(root: IConstruct, outdir: () => string | undefined): void {
    if (!this.reporter.writesReports) return;
    root.node.addValidation({
      validate: () => {
        const folder = outdir();
        if (folder !== undefined) {
          this.reporter.writeIncomplete(folder, 'The synthesis stopped before the serverless security audit completed: '
            + 'fix the errors cdk synth printed, then synthesize again.');
        }
        return [];
      },
    });
  }

  /** Writes reports that say the audit failed, and returns the message to show. */
  public reportFailure(outdir: string | undefined, error: unknown): string {
    const message = `The serverless security audit could not complete: ${error instanceof Error ? error.message : String(error)}`;
    if (outdir !== undefined) {
      try {
        this.reporter.writeIncomplete(outdir, message);
      } catch {
        // The folder cannot be written either: the message still reaches the user through CDK.
      }
    }
    return message;
  }

  /** Prints when the options ask for it. */
  public print(text: string): void {
    this.reporter.print(text);
  }
}
