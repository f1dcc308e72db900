import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as sarif from 'sarif';
import { ReportSink, StringSink, writeJsonWithStreamedArray } from './report-sink';
import { AuditResultData } from './result-data';
import { sentence } from './text';
import { TOOL_NAME, TOOL_URI, toolVersion } from './tool-info';
import { AcknowledgementStatus } from '../../acknowledgements/acknowledgement';
import { Severity } from '../../core/rule';
import { FindingStatus, ReportedFinding, RuleDescription } from '../report-types';

/** Stands for the results while the rest of the log is serialized. */
const RESULTS_PLACEHOLDER = '\u0000cdk-secure-serverless:results\u0000';
/** The base id file locations are relative to. */
const SRCROOT = '%SRCROOT%';
/** Key of the stable fingerprint in `partialFingerprints`; bump the version if the fingerprint's recipe changes. */
const FINGERPRINT_KEY = 'cdkSecureServerlessFinding/v1';

/**
 * The audit as a SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. Every finding is a result with its
 * rule's metadata; it points at the line of the user's code that created the resource when it is known, otherwise at
 * the resource in the synthesized template, and always names the construct path and logical id as a logical location
 * (written there only: the result's properties hold what the location does not). Acknowledged findings carry a
 * suppression with the reason; with a baseline, results say whether they are new or unchanged. `partialFingerprints`
 * carry the stable fingerprint so alerts survive refactors that keep construct paths. Acknowledgements that name no
 * rule are configuration errors of the run (`invocations[0].toolConfigurationNotifications`), and fail it.
 */
export class SarifReport {
  /** The SARIF version written. */
  public static readonly SARIF_VERSION = '2.1.0';
  /** The schema URI written into `$schema`. */
  public static readonly SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

  /**
   * Renders the log as compact JSON: SARIF is read by tools, and on a large app indentation more than doubles the
   * bytes to build and write on every synth.
   */
  public static render(result: AuditResultData): string {
    const sink = new StringSink();
    SarifReport.write(result, sink);
    return sink.toString();
  }

  /**
   * Writes the log (as `render` returns it) to a sink. Results are built and serialized a few at a time, so the
   * thousands of result objects of a large app die young instead of all living until the log is serialized.
   */
  public static write(result: AuditResultData, sink: ReportSink): void {
    const { log, results } = SarifReport.parts(result);
    log.runs[0].results = RESULTS_PLACEHOLDER as unknown as sarif.Result[];
    writeJsonWithStreamedArray(sink, log, RESULTS_PLACEHOLDER, results());
  }

  /** The log as a plain object (a SARIF `Log`). */
  public static document(result: AuditResultData): any {
    const { log, results } = SarifReport.parts(result);
    log.runs[0].results = [...results()];
    return log;
  }

  /** The log without its results, and the results, built one by one when iterated. */
  private static parts(result: AuditResultData): { log: sarif.Log; results: () => Generator<sarif.Result> } {
    const sourceRoot = path.resolve(result.sourceRoot);
    const rules = rulesOf(result);
    const artifacts = new ArtifactLocations(sourceRoot);
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const withBaseline = result.baseline !== undefined;
    const log: sarif.Log = {
      $schema: SarifReport.SCHEMA_URI,
      version: '2.1.0',
      runs: [{
        tool: {
          driver: {
            name: TOOL_NAME,
            version: toolVersion(),
            informationUri: TOOL_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(sourceRoot + path.sep).href } },
        invocations: [invocationOf(result)],
        results: [],
        columnKind: 'utf16CodeUnits',
      }],
    };
    function* results(): Generator<sarif.Result> {
      for (const f of result.findings) {
        const index = ruleIndex.get(f.ruleId)!;
        yield resultOf(f, index, rules[index]?.remediation, artifacts, withBaseline);
      }
    }
    return { log, results };
  }
}

/**
 * The run's invocation: whether it succeeded, and the acknowledgements that name no rule, which are configuration
 * errors (reported as tool configuration notifications, the place SARIF has for them).
 */
function invocationOf(result: AuditResultData): sarif.Invocation {
  const notifications: sarif.Notification[] = result.acknowledgements
    .filter((a) => a.status === AcknowledgementStatus.UNKNOWN_RULE)
    .map((a) => ({
      level: 'error',
      message: { text: `The acknowledgement ${a.id} on ${a.constructPath || '(app)'}: ${sentence(a.problem)}` },
      locations: [{ logicalLocations: [{ fullyQualifiedName: a.constructPath || '(app)', kind: 'resource' }] }],
    }));
  return {
    executionSuccessful: true,
    ...(notifications.length > 0 ? { toolConfigurationNotifications: notifications } : {}),
  };
}

/** The rules that ran, plus any rule a finding names that the result does not describe (a team's own rule). */
function rulesOf(result: AuditResultData): RuleDescription[] {
  const rules = [...result.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const finding of result.findings) {
    if (known.has(finding.ruleId)) continue;
    known.add(finding.ruleId);
    rules.push({
      id: finding.ruleId,
      description: `Rule ${finding.ruleId}.`,
      remediation: finding.remediation,
      severity: finding.severity,
      category: finding.category,
    });
  }
  return rules;
}

function ruleDescriptor(rule: RuleDescription): sarif.ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} Threat: ${rule.category}.` },
    help: { text: `Fix: ${rule.remediation}`, markdown: `**Fix:** ${rule.remediation}` },
    defaultConfiguration: { level: levelOf(rule.severity) },
    properties: {
      'tags': ['security', 'serverless', rule.category],
      'precision': 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function resultOf(finding: ReportedFinding, ruleIndex: number, ruleRemediation: string | undefined, artifacts: ArtifactLocations,
  withBaseline: boolean): sarif.Result {
  const templateLocation = finding.templatePath ? artifacts.physical(finding.templatePath, finding.templateLine) : undefined;
  const primary = finding.sourceLocation
    ? artifacts.physical(finding.sourceLocation.file, finding.sourceLocation.line, finding.sourceLocation.column)
    : templateLocation;
  const logicalLocations: sarif.LogicalLocation[] = [{
    name: finding.logicalId,
    fullyQualifiedName: finding.constructPath,
    kind: 'resource',
  }];
  const result: sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: levelOf(finding.severity),
    // The fix is the rule's `help`, which viewers show next to the message: repeating it in each of thousands of
    // results would double the log. A finding whose fix differs from its rule's (an expired acknowledgement) keeps it.
    message: {
      text: `${finding.message} Resource: ${finding.constructPath} (${finding.resourceType}).`
        + (finding.remediation === ruleRemediation ? '' : ` Fix: ${finding.remediation}`),
    },
    locations: [primary ? { physicalLocation: primary, logicalLocations } : { logicalLocations }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    // Only what the location does not say: construct path and logical id are its logical location.
    properties: {
      findingId: finding.findingId,
      kind: finding.kind,
      status: finding.status,
      propertyPath: finding.location,
      acknowledgement: finding.acknowledgement?.status,
    },
  };
  if (finding.sourceLocation && templateLocation) {
    // The resource in the synthesized template (the result's logical location names it).
    result.relatedLocations = [{ physicalLocation: templateLocation }];
  }
  if (finding.status === FindingStatus.ACKNOWLEDGED && finding.acknowledgement) {
    const ack = finding.acknowledgement;
    result.suppressions = [{
      kind: 'inSource',
      status: 'accepted',
      justification: [ack.reason, ack.expires && `expires ${ack.expires}`, ack.ticket && `ticket ${ack.ticket}`]
        .filter((part) => part).join('; '),
      location: { logicalLocations: [{ fullyQualifiedName: ack.constructPath || '(app)', kind: 'resource' }] },
    }];
  }
  if (withBaseline) result.baselineState = finding.status === FindingStatus.BASELINED ? 'unchanged' : 'new';
  return result;
}

/**
 * Artifact locations relative to the source root, computed once per file: thousands of results point at the same
 * few templates and source files, and `path.relative` and `pathToFileURL` are the costly part of a result.
 */
class ArtifactLocations {
  private readonly byFile = new Map<string, sarif.ArtifactLocation>();

  constructor(private readonly sourceRoot: string) {}

  public physical(file: string, line?: number, column?: number): sarif.PhysicalLocation {
    // Literals rather than spreads: one of these per result and location, and spreads build each object key by key.
    const known = this.artifactLocation(file);
    const artifactLocation: sarif.ArtifactLocation = known.uriBaseId === undefined // a copy: `document()` callers may edit results
      ? { uri: known.uri } : { uri: known.uri, uriBaseId: known.uriBaseId };
    if (line === undefined) return { artifactLocation };
    return { artifactLocation, region: column === undefined ? { startLine: line } : { startLine: line, startColumn: column } };
  }

  private artifactLocation(file: string): sarif.ArtifactLocation {
    let location = this.byFile.get(file);
    if (!location) {
      const relative = path.relative(this.sourceRoot, file);
      const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
      location = inside ? { uri: relative.split(path.sep).join('/'), uriBaseId: SRCROOT } : { uri: pathToFileURL(file).href };
      this.byFile.set(file, location);
    }
    return location;
  }
}

function levelOf(severity: Severity): sarif.ReportingConfiguration.level {
  return SARIF_LEVEL[severity];
}

/** SARIF's levels for ours: hygiene is a `note`, which code scanning lists without raising an alert. */
const SARIF_LEVEL: { readonly [severity in Severity]: sarif.ReportingConfiguration.level } = {
  [Severity.ERROR]: 'error',
  [Severity.WARNING]: 'warning',
  [Severity.INFO]: 'note',
};

/** GitHub code scanning ranks security alerts by this score: errors open the app (high), warnings medium, info low. */
const SECURITY_SEVERITY: { readonly [severity in Severity]: string } = {
  [Severity.ERROR]: '8.0',
  [Severity.WARNING]: '4.0',
  [Severity.INFO]: '1.0',
};
