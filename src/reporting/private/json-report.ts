import { countsOf, countsPerStack } from './counts';
import { ReportSink, StringSink, writeJsonWithStreamedArray } from './report-sink';
import { AuditResultData } from './result-data';
import { relativePath } from './text';
import { TOOL_NAME, toolVersion } from './tool-info';
import { Acknowledgement } from '../../acknowledgements/acknowledgement';
import { ReportedFinding } from '../report-types';

/** Stands for the findings while the rest of the report is serialized. */
const FINDINGS_PLACEHOLDER = '\u0000cdk-secure-serverless:findings\u0000';

/**
 * The format version of the JSON report, raised on incompatible changes (docs/REPORTS.md). Version 2: a finding
 * names its rule, whose description, remediation and category are in `rules`; it refers to its acknowledgement by
 * index into `acknowledgements` and to its template through its stack in `stacks`; source files are relative to the
 * source root.
 */
export const JSON_FORMAT_VERSION = 2;

/**
 * The complete audit as JSON: every finding (acknowledged and baselined ones included), every acknowledgement with its
 * status, the baseline comparison, the rules that ran and, when the least-privilege analysis provides them, each
 * function's effective permissions. For tools and for archiving; people read the Markdown.
 *
 * Each fact is written once: what a rule says (description, remediation, category) is in `rules`, what an
 * acknowledgement says in `acknowledgements`, a stack's template in `stacks`; findings refer to them. On a large app
 * this halves the report that is written on every synthesis.
 */
export class JsonReport {
  /** Renders the report as compact JSON (people read the Markdown; indentation would double what is written). */
  public static render(result: AuditResultData): string {
    const sink = new StringSink();
    JsonReport.write(result, sink);
    return sink.toString();
  }

  /** Writes the report (as `render` returns it) to a sink, findings a few at a time. */
  public static write(result: AuditResultData, sink: ReportSink): void {
    const { document, findings } = JsonReport.parts(result);
    writeJsonWithStreamedArray(sink, { ...document, findings: FINDINGS_PLACEHOLDER }, FINDINGS_PLACEHOLDER, findings());
  }

  /** The report as a plain object. */
  public static document(result: AuditResultData): any {
    const { document, findings } = JsonReport.parts(result);
    return { ...document, findings: [...findings()] };
  }

  private static parts(result: AuditResultData): { document: any; findings: () => Generator<object> } {
    const templates = new Map<string, string>();
    for (const f of result.findings) if (f.templatePath !== undefined && !templates.has(f.stackPath)) templates.set(f.stackPath, f.templatePath);
    const remediations = new Map(result.rules.map((r) => [r.id, r.remediation]));
    const acknowledgementIndex = new Map<Acknowledgement, number>(result.acknowledgements.map((a, i) => [a, i]));
    const document = {
      formatVersion: JSON_FORMAT_VERSION,
      tool: { name: TOOL_NAME, version: toolVersion() },
      failOn: result.failOn,
      passed: result.passed,
      sourceRoot: result.sourceRoot,
      summary: countsOf(result.findings),
      stacks: countsPerStack(result).map((s) => ({ stackPath: s.stackPath, templatePath: templates.get(s.stackPath), ...s.counts })),
      rules: result.rules,
      acknowledgements: result.acknowledgements,
      baseline: result.baseline ?? null,
      // null, not absent, so consumers can tell "not provided" from "no functions".
      functionPermissions: result.functionPermissions ?? null,
    };
    // Thousands of findings point at a few source files: each is made relative once (`path.relative` is costly).
    const sourceFiles = new Map<string, string>();
    const sourceFile = (file: string): string => {
      let relative = sourceFiles.get(file);
      if (relative === undefined) {
        relative = relativePath(file, result.sourceRoot);
        sourceFiles.set(file, relative);
      }
      return relative;
    };
    function* findings(): Generator<object> {
      for (const f of result.findings) yield jsonFinding(f, templates, remediations, acknowledgementIndex, sourceFile);
    }
    return { document, findings };
  }
}

/**
 * One finding as the report writes it: a literal of one shape (undefined members are left out by `JSON.stringify`),
 * without what its rule, stack and acknowledgement already say.
 */
function jsonFinding(f: ReportedFinding, templates: Map<string, string>, remediations: Map<string, string>,
  acknowledgements: Map<Acknowledgement, number>, sourceFile: (file: string) => string): object {
  const source = f.sourceLocation;
  return {
    ruleId: f.ruleId,
    findingId: f.findingId,
    kind: f.kind,
    severity: f.severity,
    status: f.status,
    stackPath: f.stackPath,
    constructPath: f.constructPath,
    logicalId: f.logicalId,
    resourceType: f.resourceType,
    message: f.message,
    // The rule's remediation is in `rules`; a finding whose own differs (an expired acknowledgement) keeps it.
    remediation: f.remediation === remediations.get(f.ruleId) ? undefined : f.remediation,
    location: f.location,
    templatePath: f.templatePath === templates.get(f.stackPath) ? undefined : f.templatePath,
    templateLine: f.templateLine,
    source: source && { file: sourceFile(source.file), line: source.line, column: source.column },
    fingerprint: f.fingerprint,
    acknowledgement: f.acknowledgement && acknowledgements.get(f.acknowledgement),
  };
}
