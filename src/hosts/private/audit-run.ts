import { IConstruct } from 'constructs';
import { Finding } from '../../core/finding';
import { IRule, Severity } from '../../core/rule';
import { AuditedStack, AuditEngine } from '../../engine/audit-engine';
import { RulePacks } from '../../packs/rule-pack';
import { ServerlessSecurityPack } from '../../packs/serverless-security-pack';
import { AuditReporting } from '../../reporting/audit-reporting';
import { AuditResult } from '../../reporting/audit-result';
import { FindingStatus, ReportedFinding } from '../../reporting/reported-finding';
import { AuditOptions } from '../audit-options';

/** The engine, the failure threshold and the reporting a host was configured with. */
export class AuditRun {
  public readonly engine: AuditEngine;
  public readonly failOn: Severity;
  public readonly ruleIds: string[];
  private readonly rules: IRule[];
  private readonly severityOverrides: { [ruleId: string]: Severity };
  private readonly reporting: AuditReporting;

  constructor(options: AuditOptions) {
    const props = RulePacks.engineProps(options.pack ?? new ServerlessSecurityPack(), options.additionalRules);
    this.engine = new AuditEngine(props);
    this.rules = props.rules;
    this.ruleIds = props.rules.map((r) => r.id);
    this.severityOverrides = props.severityOverrides ?? {};
    this.failOn = options.failOn ?? Severity.ERROR;
    this.reporting = new AuditReporting(options.reporting);
  }

  /**
   * Decides what the engine's findings mean for this synthesis (expired acknowledgements, baseline, `failOn`) and,
   * when an output folder is given, writes the reports there and prints the summary.
   *
   * @param findings the engine's findings
   * @param root the app, for acknowledgements, source locations and context flags
   * @param stacks the stacks audited (their views feed the per-function permissions section)
   * @param outdir the cloud assembly folder; undefined to write nothing (direct audits, tests)
   * @param lastOfSynthesis false while more stacks of the same synthesis are still to be audited
   */
  public evaluate(findings: Finding[], root: IConstruct | undefined, stacks: AuditedStack[], outdir?: string,
    lastOfSynthesis = true): AuditResult {
    return this.reporting.process({
      findings,
      root,
      stackPaths: stacks.map((s) => s.view.stackPath),
      views: stacks.map((s) => s.view),
      outdir,
      failOn: this.failOn,
      rules: this.rules,
      severityOverrides: this.severityOverrides,
      printSummary: outdir !== undefined && lastOfSynthesis,
    });
  }

  /** True when a finding fails the synthesis. */
  public fails(finding: ReportedFinding): boolean {
    return finding.status === FindingStatus.FAILING;
  }
}
