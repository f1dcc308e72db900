import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { evaluate } from './evaluation';
import { FunctionPermissionsSection } from './function-permissions';
import { JsonReport, JSON_FORMAT_VERSION } from './json-report';
import { MarkdownReport } from './markdown-report';
import { FileSink, ReportSink } from './report-sink';
import { AuditResultData } from './result-data';
import { SarifReport } from './sarif-report';
import { TOOL_NAME, TOOL_URI, toolVersion } from './tool-info';
import { AuditBaseline } from '../../baseline/audit-baseline';
import { Finding } from '../../core/finding';
import { Severity } from '../../core/rule';
import { AuditedStack } from '../../engine/audit-engine';
import { AuditOptions } from '../audit-options';
import { AuditResult } from '../audit-result';
import { FindingStatus, RuleDescription } from '../report-types';

/** One audit for the reporter: the engine's findings and what they come from. */
export interface AuditReportInput {
  readonly findings: Finding[];
  readonly stacks: AuditedStack[];
  /** The app (or stage) audited: context flags such as the baseline write request. */
  readonly root?: IConstruct;
  /** The cloud assembly folder the reports go to; undefined to write nothing (direct audits). */
  readonly outdir?: string;
}

/**
 * What a host does with the engine's findings, configured by the one `AuditOptions` object: evaluates them
 * (acknowledgements that no longer count, the baseline, `failOn`), writes or refreshes the baseline when asked, writes
 * the JSON, Markdown and SARIF reports, and prints. It also keeps the reports about the current synthesis: when a
 * synthesis starts, and when the audit itself fails, it writes reports that say the audit did not complete, so that
 * an earlier run's reports never pass for this one's.
 */
export class AuditReporter {
  public readonly failOn: Severity;
  private readonly reportName: string;

  /**
   * @param options the host's options, as the user gave them
   * @param rules the rules that ran, with the severity they ran with
   * @param knownRuleIds the rule ids an acknowledgement may name (registered rules and those that ran)
   */
  constructor(private readonly options: AuditOptions, private readonly rules: RuleDescription[], private readonly knownRuleIds: ReadonlySet<string>) {
    this.failOn = options.failOn ?? Severity.ERROR;
    this.reportName = options.reportName ?? 'security-audit';
  }

  /** True when this synthesis writes report files. */
  public get writesReports(): boolean {
    return this.options.writeReports ?? true;
  }

  /** Evaluates an audit and, when it has an output folder, writes the baseline (if asked) and the reports. */
  public report(input: AuditReportInput): AuditResult {
    const files = input.outdir !== undefined && this.writesReports ? this.reportFiles(input.outdir) : [];
    const result = this.evaluate(input, files);
    if (files.length > 0) this.writeReports(result._data, input.outdir!);
    return result;
  }

  /** Prints text to stderr when the options ask for it (by default, when the app runs under the CDK CLI). */
  public print(text: string): void {
    if (text.length > 0 && (this.options.consoleSummary ?? runsUnderCdkCli())) console.error(text);
  }

  /**
   * Writes reports that say the audit did not complete in this synthesis, replacing any earlier run's reports.
   *
   * @param outdir the cloud assembly folder
   * @param reason why, in a sentence
   */
  public writeIncomplete(outdir: string, reason: string): void {
    if (!this.writesReports) return;
    fs.mkdirSync(outdir, { recursive: true });
    const [json, markdown, sarif] = this.reportFiles(outdir);
    fs.writeFileSync(json, `${JSON.stringify({
      formatVersion: JSON_FORMAT_VERSION,
      tool: { name: TOOL_NAME, version: toolVersion() },
      completed: false,
      passed: false,
      problem: reason,
      failOn: this.failOn,
      summary: null,
      stacks: [],
      rules: [],
      acknowledgements: [],
      baseline: null,
      functionPermissions: null,
      findings: [],
    })}\n`);
    fs.writeFileSync(markdown, `## Serverless security audit\n\n**Not completed**: ${reason}\n`);
    fs.writeFileSync(sarif, `${JSON.stringify({
      $schema: SarifReport.SCHEMA_URI,
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: TOOL_NAME, version: toolVersion(), informationUri: TOOL_URI, rules: [] } },
        invocations: [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: reason } }] }],
        results: [],
      }],
    })}\n`);
  }

  private reportFiles(outdir: string): string[] {
    return ['json', 'md', 'sarif'].map((ext) => path.join(outdir, `${this.reportName}.${ext}`));
  }

  /**
   * Evaluates the findings against acknowledgements, the baseline and `failOn`. When the synthesis was asked to write
   * the baseline (`AuditBaseline.isWriteRequested`), writes it from the open findings and reports them as baselined.
   */
  private evaluate(input: AuditReportInput, reportFiles: string[]): AuditResult {
    const file = this.options.baselineFile;
    const writing = file !== undefined && input.outdir !== undefined && input.root !== undefined && AuditBaseline.isWriteRequested(input.root);
    const common = {
      findings: input.findings,
      stacks: input.stacks,
      failOn: this.failOn,
      rules: this.rules,
      knownRuleIds: this.knownRuleIds,
      sourceRoot: path.resolve(this.options.sourceRoot ?? process.cwd()),
      reportName: this.reportName,
      reportFiles,
      functionPermissions: (this.options.functionPermissions ?? true) ? FunctionPermissionsSection.of(input.stacks.map((s) => s.view)) : undefined,
    };
    if (!writing) {
      return AuditResult._of(evaluate({ ...common, baseline: file === undefined ? undefined : AuditBaseline.load(file) }));
    }
    const result = evaluate({ ...common, writingBaseline: true, baseline: AuditBaseline.empty() });
    const baseline = AuditBaseline.fromFindings(result.findings.filter((f) => f.status === FindingStatus.BASELINED), file);
    const written = baseline.writeTo();
    return AuditResult._of({
      ...result,
      baseline: { file: written, exists: true, written: true, entries: baseline.size, remaining: baseline.size, fixedEntries: 0 },
    });
  }

  /** Writes the three reports (through one reused buffer each: a large app's reports run to megabytes). */
  private writeReports(result: AuditResultData, outdir: string): void {
    fs.mkdirSync(outdir, { recursive: true });
    const [json, markdown, sarif] = this.reportFiles(outdir);
    const writers: Array<[string, (sink: ReportSink) => void]> = [
      [json, (sink) => JsonReport.write(result, sink)],
      [markdown, (sink) => sink.write(MarkdownReport.render(result))],
      [sarif, (sink) => SarifReport.write(result, sink)],
    ];
    for (const [file, write] of writers) FileSink.writeFile(file, write);
  }
}

/** The CDK CLI tells the app where to write the assembly through `CDK_OUTDIR`; in-process tests do not set it. */
function runsUnderCdkCli(): boolean {
  return process.env.CDK_OUTDIR !== undefined;
}
