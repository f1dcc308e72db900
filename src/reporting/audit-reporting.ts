import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { AuditEvaluator } from './audit-evaluator';
import { AuditReportingOptions } from './audit-reporting-options';
import { AuditResult } from './audit-result';
import { ConsoleSummary } from './console-summary';
import { FunctionPermissionsSection } from './function-permissions';
import { JsonReport } from './json-report';
import { MarkdownReport } from './markdown-report';
import { FileSink, ReportSink } from './private/report-sink';
import { FindingStatus } from './reported-finding';
import { SarifReport } from './sarif-report';
import { AuditBaseline } from '../baseline/audit-baseline';
import { Finding } from '../core/finding';
import { IRule, Severity } from '../core/rule';
import { StackView } from '../core/stack-view';

/** One audit for `AuditReporting` to evaluate, write and print. */
export interface AuditReportInput {
  /** The engine's findings. */
  readonly findings: Finding[];
  /**
   * The root of the construct tree (the app): acknowledgements, source locations, context flags.
   *
   * @default - acknowledgements are not reviewed, no source locations, no baseline writing
   */
  readonly root?: IConstruct;
  /**
   * Construct paths of the stacks audited.
   *
   * @default - the stacks the findings are in
   */
  readonly stackPaths?: string[];
  /**
   * Where the reports are written: the cloud assembly folder.
   *
   * @default - reports are not written
   */
  readonly outdir?: string;
  /**
   * The lowest severity that fails the synthesis.
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * The rules that ran.
   *
   * @default - rules are described from the findings only
   */
  readonly rules?: IRule[];
  /**
   * Severities the pack set, per rule id.
   *
   * @default - each rule's own severity
   */
  readonly severityOverrides?: { [ruleId: string]: Severity };
  /**
   * The deployed views of the stacks audited, for the per-function permissions section.
   *
   * @default - no permissions section
   */
  readonly views?: StackView[];
  /**
   * Print the console summary for this input (when the options turn the summary on). A host that audits stack by
   * stack passes false until the last stack, so the summary is printed once per synthesis.
   *
   * @default true
   */
  readonly printSummary?: boolean;
}

/**
 * What a host does with the engine's findings on each synthesis: evaluates them (expired acknowledgements, the
 * baseline, `failOn`), writes or refreshes the baseline when asked, writes the JSON, Markdown and SARIF reports into
 * the cloud assembly, and prints a short summary. The host then fails the synthesis exactly on the findings whose
 * status is `FindingStatus.FAILING`.
 */
export class AuditReporting {
  private readonly options: AuditReportingOptions;

  constructor(options?: AuditReportingOptions) {
    this.options = options ?? {};
  }

  /** The report file names (without folder): JSON, Markdown, SARIF. */
  public get reportFileNames(): string[] {
    const name = this.options.reportName ?? 'security-audit';
    return [`${name}.json`, `${name}.md`, `${name}.sarif`];
  }

  /** Evaluates, writes the baseline if asked, writes the reports and prints the summary. */
  public process(input: AuditReportInput): AuditResult {
    const result = this.evaluate(input);
    const written = input.outdir !== undefined && (this.options.writeReports ?? true) ? this.writeReports(result, input.outdir) : [];
    if ((input.printSummary ?? true) && (this.options.consoleSummary ?? runsUnderCdkCli())) {
      console.error(ConsoleSummary.render(result, { sourceRoot: this.options.sourceRoot, reportFiles: written.map(displayPath) }));
    }
    return result;
  }

  /**
   * Evaluates the findings against acknowledgements, the baseline and `failOn`. When the synthesis was asked to
   * write the baseline (`AuditBaseline.isWriteRequested`), writes it from the findings that are neither acknowledged
   * nor covered by an expired acknowledgement, and reports those findings as baselined.
   */
  public evaluate(input: AuditReportInput): AuditResult {
    const file = this.options.baselineFile;
    const writing = file !== undefined && input.root !== undefined && AuditBaseline.isWriteRequested(input.root);
    const common = {
      findings: input.findings,
      root: input.root,
      stackPaths: input.stackPaths,
      failOn: input.failOn,
      rules: input.rules,
      severityOverrides: input.severityOverrides,
      functionPermissions: input.views && (this.options.functionPermissions ?? true)
        ? FunctionPermissionsSection.of(input.views) : undefined,
      views: input.views,
    };
    if (!writing) {
      return AuditEvaluator.evaluate({ ...common, baseline: file === undefined ? undefined : AuditBaseline.load(file) });
    }
    const result = AuditEvaluator.evaluate({ ...common, writingBaseline: true, baseline: AuditBaseline.empty() });
    const baseline = AuditBaseline.fromFindings(result.findings.filter((f) => f.status === FindingStatus.BASELINED), file);
    const written = baseline.writeTo();
    return {
      ...result,
      baseline: { file: written, exists: true, written: true, entries: baseline.entries.length, remaining: baseline.entries.length, fixed: 0 },
    };
  }

  /** Writes the three reports into a folder and returns their paths. */
  public writeReports(result: AuditResult, outdir: string): string[] {
    fs.mkdirSync(outdir, { recursive: true });
    const [jsonName, markdownName, sarifName] = this.reportFileNames;
    const sourceRoot = this.options.sourceRoot;
    const files: Array<[string, (sink: ReportSink) => void]> = [
      [jsonName, (sink) => JsonReport._write(result, sink)],
      [markdownName, (sink) => sink.write(MarkdownReport.render(result, { sourceRoot, jsonReportName: jsonName }))],
      [sarifName, (sink) => SarifReport._write(result, sink, { sourceRoot })],
    ];
    return files.map(([name, write]) => {
      const target = path.join(outdir, name);
      FileSink.writeFile(target, write);
      return target;
    });
  }
}

/** The CDK CLI tells the app where to write the assembly through `CDK_OUTDIR`; in-process tests do not set it. */
function runsUnderCdkCli(): boolean {
  return process.env.CDK_OUTDIR !== undefined;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}
