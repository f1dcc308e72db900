import { Acknowledgement } from '../acknowledgements/acknowledgement';
import { Severity } from '../core/rule';
import { ConsoleText } from './private/console-text';
import { JsonReport } from './private/json-report';
import { MarkdownReport } from './private/markdown-report';
import { AuditResultData } from './private/result-data';
import { SarifReport } from './private/sarif-report';
import { BaselineSummary, ReportedFinding, RuleDescription } from './report-types';

/**
 * Everything one audit concluded: what decides whether the synthesis passes, and what every report renders. The
 * JSON, Markdown, SARIF and console renderings are renderings of this one result; none computes anything the result
 * does not hold. `ServerlessSecurityChecks.evaluate(scope)` gives one without synthesizing; the hosts write the three
 * files into the cloud assembly on every synthesis.
 */
export class AuditResult {
  /** @internal */
  public static _of(data: AuditResultData): AuditResult {
    return new AuditResult(data);
  }

  private constructor(
    /** @internal */
    public readonly _data: AuditResultData,
  ) {}

  /** The lowest severity that fails the synthesis. */
  public get failOn(): Severity {
    return this._data.failOn;
  }

  /** True when no finding fails the synthesis and no acknowledgement names a rule that does not exist. */
  public get passed(): boolean {
    return this._data.passed;
  }

  /** Construct paths of the stacks audited, in audit order. */
  public get stackPaths(): string[] {
    return this._data.stackPaths;
  }

  /** Every finding, acknowledged and baselined ones included, in audit order. */
  public get findings(): ReportedFinding[] {
    return this._data.findings;
  }

  /** Every acknowledgement in the audited stacks (and on their stages and app), in tree order, with its status. */
  public get acknowledgements(): Acknowledgement[] {
    return this._data.acknowledgements;
  }

  /** The rules that ran, with the severity they ran with. */
  public get rules(): RuleDescription[] {
    return this._data.rules;
  }

  /**
   * How the findings compare with the baseline.
   *
   * @default - no baseline configured
   */
  public get baseline(): BaselineSummary | undefined {
    return this._data.baseline;
  }

  /**
   * The JSON report (format in docs/REPORTS.md): every finding, every acknowledgement with its status, the rules, the
   * baseline and each function's effective permissions. Compact: for tools, people read the Markdown.
   */
  public renderJson(): string {
    return JsonReport.render(this._data);
  }

  /** The Markdown summary for a pull request: the verdict, counts per stack, the findings to fix, the acknowledgements. */
  public renderMarkdown(): string {
    return MarkdownReport.render(this._data);
  }

  /** The SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. */
  public renderSarif(): string {
    return SarifReport.render(this._data);
  }

  /**
   * The lines the audit prints: the findings to act on grouped by construct (failing ones with their fix), errors
   * acknowledged at the app or stage root, acknowledgement problems, and one closing line. Info findings are never
   * printed.
   */
  public renderConsole(): string {
    return ConsoleText.render(this._data);
  }
}
