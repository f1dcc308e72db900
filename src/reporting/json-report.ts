import { AuditResult } from './audit-result';
import { countsOf, countsPerStack } from './private/counts';
import { ReportSink, StringSink, writeJsonWithStreamedArray } from './private/report-sink';
import { TOOL_NAME, toolVersion } from './private/tool-info';

/** Stands for the findings while the rest of the report is serialized. */
const FINDINGS_PLACEHOLDER = '\u0000cdk-secure-serverless:findings\u0000';

/**
 * The complete audit as JSON: every finding (acknowledged and baselined ones with their reasons), every
 * acknowledgement with its status, the baseline comparison, the rules that ran and, when the least-privilege analysis
 * provides them, each function's effective permissions. For tools and for archiving; people read the Markdown.
 */
export class JsonReport {
  /** The format version of the JSON report, raised on incompatible changes. */
  public static readonly FORMAT_VERSION = 1;

  /**
   * Renders the result as compact JSON: the report is for tools (people read the Markdown), and on a large app
   * indentation more than doubles the bytes to build and write on every synth.
   */
  public static render(result: AuditResult): string {
    const sink = new StringSink();
    JsonReport._write(result, sink);
    return sink.toString();
  }

  /**
   * Writes the report (as `render` returns it) to a sink, findings one at a time.
   *
   * @internal
   */
  public static _write(result: AuditResult, sink: ReportSink): void {
    writeJsonWithStreamedArray(sink, { ...JsonReport.document(result), findings: FINDINGS_PLACEHOLDER }, FINDINGS_PLACEHOLDER, result.findings);
  }

  /** The report as a plain object. */
  public static document(result: AuditResult): any {
    return {
      formatVersion: JsonReport.FORMAT_VERSION,
      tool: { name: TOOL_NAME, version: toolVersion() },
      failOn: result.failOn,
      passed: result.passed,
      summary: countsOf(result.findings),
      stacks: countsPerStack(result).map((s) => ({ stackPath: s.stackPath, ...s.counts })),
      findings: result.findings,
      acknowledgements: result.acknowledgements,
      baseline: result.baseline ?? null,
      // null, not absent, so consumers can tell "not provided" from "no functions".
      functionPermissions: result.functionPermissions ?? null,
      rules: result.rules,
    };
  }
}
