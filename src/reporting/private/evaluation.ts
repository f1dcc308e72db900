import * as path from 'path';
import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { StackFunctionPermissions } from './function-permissions';
import { AuditResultData } from './result-data';
import { SourceLocator } from './source-locations';
import { Acknowledgement, AcknowledgementStatus } from '../../acknowledgements/acknowledgement';
import { AcknowledgementIndex, RecordedAcknowledgement } from '../../acknowledgements/private/acknowledgement-index';
import { AuditBaseline } from '../../baseline/audit-baseline';
import { FindingFingerprints } from '../../baseline/private/fingerprint';
import { Finding } from '../../core/finding';
import { Findings } from '../../core/private/findings';
import { Severity } from '../../core/rule';
import { AuditedStack } from '../../engine/audit-engine';
import { ConstructIndex } from '../../engine/construct-index';
import { TemplateLines } from '../../engine/private/template-lines';
import { FindingStatus, ReportedFinding, RuleDescription, SourceLocation } from '../report-types';

/** What one evaluation needs besides the engine's findings. */
export interface EvaluationInput {
  /** The engine's findings (acknowledgements in force already attached). */
  readonly findings: Finding[];
  /** The stacks audited: their views, construct indexes and the audit's acknowledgement index. */
  readonly stacks: AuditedStack[];
  /** The lowest severity that fails. */
  readonly failOn: Severity;
  /** The rules that ran, with the severity they ran with. */
  readonly rules: RuleDescription[];
  /** Every rule id an acknowledgement of this audit may name: the registered rules and those that ran. */
  readonly knownRuleIds: ReadonlySet<string>;
  /** Source paths are shown relative to it, and source files are searched below it. */
  readonly sourceRoot: string;
  /** The reports' file name without extension. */
  readonly reportName: string;
  /** Findings accepted earlier: reported, not failing. */
  readonly baseline?: AuditBaseline;
  /** True when this synthesis writes the baseline: its recordable findings are all baselined. */
  readonly writingBaseline?: boolean;
  /** Each function's effective permissions, per stack. */
  readonly functionPermissions?: StackFunctionPermissions[];
  /** The report files this synthesis writes. */
  readonly reportFiles?: string[];
}

/**
 * Turns the engine's findings into the result every report renders: applies the acknowledgements that no longer
 * count (an expired one makes its findings fail again as errors naming it; a refused reason is reported), the baseline
 * and `failOn`; reviews every acknowledgement of the audit (in force, expired, stale, refused, unknown rule, another
 * tool's); finds where each resource was created.
 */
export function evaluate(input: EvaluationInput): AuditResultData {
  return new Evaluation(input).result();
}

class Evaluation {
  private readonly constructsByStack = new Map<string, ConstructIndex>();
  private readonly indexes: AcknowledgementIndex[];
  private readonly templateLines: TemplateLines;
  /** A resource often has several findings; where it was created is looked up once. */
  private readonly sourceLocations = new Map<IConstruct, SourceLocation | undefined>();
  private readonly sourceLocator: SourceLocator;
  private readonly reviewed = new Map<RecordedAcknowledgement, Acknowledgement>();
  private byRule?: Map<string, Finding[]>;

  constructor(private readonly input: EvaluationInput) {
    const indexes = new Set<AcknowledgementIndex>();
    for (const stack of input.stacks) {
      if (!stack.constructs) continue;
      this.constructsByStack.set(stack.view.stackPath, stack.constructs);
      indexes.add(stack.constructs._acknowledgementIndex());
    }
    this.indexes = [...indexes];
    this.templateLines = new TemplateLines(input.stacks.map((s) => s.view));
    this.sourceLocator = new SourceLocator(input.sourceRoot);
  }

  public result(): AuditResultData {
    // Acknowledgements are reviewed first: the reported findings refer to the reviewed objects.
    const recorded = this.indexes.flatMap((index) => index.all());
    const acknowledgements = recorded.map((ack) => {
      const reviewed = this.review(ack);
      this.reviewed.set(ack, reviewed);
      return reviewed;
    });
    const findings = this.input.findings.map((f) => this.report(f));
    const baseline = this.input.baseline;
    return {
      failOn: this.input.failOn,
      passed: findings.every((f) => f.status !== FindingStatus.FAILING)
        && acknowledgements.every((a) => a.status !== AcknowledgementStatus.UNKNOWN_RULE),
      stackPaths: this.input.stacks.map((s) => s.view.stackPath),
      findings,
      acknowledgements,
      rules: this.input.rules,
      baseline: baseline && this.baselineSummary(baseline, findings),
      functionPermissions: this.input.functionPermissions,
      sourceRoot: this.input.sourceRoot,
      reportName: this.input.reportName,
      reportFiles: this.input.reportFiles ?? [],
    };
  }

  private baselineSummary(baseline: AuditBaseline, findings: ReportedFinding[]) {
    const fingerprints = new Set(findings.map((f) => f.fingerprint));
    return {
      file: baseline.file,
      exists: baseline.exists,
      written: this.input.writingBaseline ?? false,
      entries: baseline.size,
      remaining: findings.filter((f) => f.status === FindingStatus.BASELINED).length,
      fixedEntries: baseline._entries.filter((e) => !fingerprints.has(e.fingerprint)).length,
    };
  }

  private report(finding: Finding): ReportedFinding {
    const constructs = this.constructsByStack.get(finding.stackPath);
    const construct = constructs?.constructOf(finding.logicalId);
    const templatePath = finding.templatePath ?? (constructs ? templateFileOf(constructs) : undefined);
    const common: EvaluatedFields = {
      fingerprint: FindingFingerprints.of(finding),
      templatePath,
      sourceLocation: construct ? this.sourceLocationOf(construct) : undefined,
      // Lines only of a template the audit read: a template rendered before it is written (the Aspect, the direct
      // audits) has no lines yet, and the file at its path, if any, is an earlier synthesis's.
      templateLine: finding.templatePath ? this.templateLines.lineOf(finding.templatePath, finding.logicalId) : undefined,
    };
    const index = constructs?._acknowledgementIndex();
    if (finding.acknowledged) {
      const inForce = construct && index?.inForce(construct, finding.ruleId, finding.findingId);
      return reported(finding, common, { status: FindingStatus.ACKNOWLEDGED, acknowledgement: inForce ? this.reviewed.get(inForce) : undefined });
    }
    const named = construct && index?.naming(construct, finding.ruleId, finding.findingId);
    if (named && named.expired) {
      return reported(finding, common, {
        severity: Severity.ERROR,
        status: FindingStatus.FAILING,
        acknowledgement: this.reviewed.get(named),
        message: `${finding.message} The acknowledgement ${named.id} on ${named.constructPath || '(app)'} expired on `
          + `${named.expires}${named.ticket ? ` (ticket ${named.ticket})` : ''}; its reason was: ${named.reason}`,
        remediation: `${finding.remediation} Or, if the exception still holds, renew the acknowledgement with a later `
          + 'expiry date.',
      });
    }
    const refused = named && named.reasonProblem !== undefined ? named : undefined;
    const message = refused
      ? `${finding.message} The acknowledgement ${refused.id} on ${refused.constructPath || '(app)'} does not count: its reason `
        + `${refused.reasonProblem}.`
      : undefined;
    // A baseline records info findings only when they can fail (`failOn: INFO`).
    const baselined = this.input.writingBaseline
      ? finding.severity !== Severity.INFO || this.input.failOn === Severity.INFO
      : this.input.baseline?._hasFingerprint(common.fingerprint) ?? false;
    const status = baselined ? FindingStatus.BASELINED
      : Findings.isAtLeast(finding, this.input.failOn) ? FindingStatus.FAILING : FindingStatus.BELOW_THRESHOLD;
    return reported(finding, common, { status, message, acknowledgement: refused && this.reviewed.get(refused) });
  }

  private sourceLocationOf(construct: IConstruct): SourceLocation | undefined {
    if (!this.sourceLocations.has(construct)) this.sourceLocations.set(construct, this.sourceLocator.locate(construct));
    return this.sourceLocations.get(construct);
  }

  /** What the audit concludes about an acknowledgement, with the number of findings it covers (or names). */
  private review(ack: RecordedAcknowledgement): Acknowledgement {
    const base: Acknowledgement = {
      id: ack.id,
      ruleId: ack.ruleId,
      reason: ack.reason,
      constructPath: ack.constructPath,
      atStageRoot: ack.atStageRoot,
      expires: ack.expires,
      ticket: ack.ticket,
      status: AcknowledgementStatus.ACTIVE,
      findingCount: 0,
    };
    if (ack.ruleId === undefined) return { ...base, status: AcknowledgementStatus.OTHER_TOOL };
    const ruleId = AcknowledgementIndex.baseRuleId(ack.ruleId);
    const known = this.input.knownRuleIds.has(ruleId);
    if (!known && !ack.namespaced && !looksOwn(ruleId)) return { ...base, status: AcknowledgementStatus.OTHER_TOOL };
    if (!known) {
      const closest = closestId(ruleId, this.input.knownRuleIds);
      return {
        ...base,
        status: AcknowledgementStatus.UNKNOWN_RULE,
        problem: `no rule of this audit has the id ${ruleId}${closest ? `; did you mean ${closest}?` : ''}`,
      };
    }
    const findingCount = this.findingsByRule().get(ruleId)?.filter((f) => covers(ack, f)).length ?? 0;
    if (ack.reasonProblem !== undefined) {
      return {
        ...base, findingCount, status: AcknowledgementStatus.REFUSED, problem: `its reason ${ack.reasonProblem}, so it acknowledges nothing`,
      };
    }
    if (findingCount === 0) return { ...base, status: AcknowledgementStatus.STALE };
    return { ...base, findingCount, status: ack.expired ? AcknowledgementStatus.EXPIRED : AcknowledgementStatus.ACTIVE };
  }

  /** The engine's findings by rule id, for counting what each acknowledgement covers. */
  private findingsByRule(): Map<string, Finding[]> {
    if (!this.byRule) {
      this.byRule = new Map();
      for (const finding of this.input.findings) {
        const list = this.byRule.get(finding.ruleId) ?? [];
        list.push(finding);
        this.byRule.set(finding.ruleId, list);
      }
    }
    return this.byRule;
  }
}

/** Ids that belong to this audit by their form, so that a mistyped one is reported, not taken for another tool's. */
function looksOwn(ruleId: string): boolean {
  return ruleId.startsWith('SLS-');
}

/** True when the acknowledgement names the finding (its whole rule, or exactly its granular id) and lies above it. */
function covers(ack: RecordedAcknowledgement, finding: Finding): boolean {
  const named = ack.ruleId === finding.ruleId || ack.ruleId === Findings.qualifiedRuleId(finding);
  const at = ack.constructPath;
  return named && (at === '' || finding.constructPath === at || finding.constructPath.startsWith(`${at}/`));
}

/** The known id closest to a mistyped one (edit distance, case-insensitive), if any is reasonably close. */
export function closestId(id: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(id.toUpperCase(), candidate.toUpperCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(3, Math.floor(id.length / 3)) ? best : undefined;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The template file a stack is (or will be) synthesized to. */
function templateFileOf(constructs: ConstructIndex): string | undefined {
  const stack = constructs.stack;
  const stage = Stage.of(stack);
  return stage ? path.join(stage.outdir, stack.templateFile) : undefined;
}

/**
 * The finding with what the evaluation adds, written out field by field in the order `{ ...finding, ...common,
 * ...outcome }` gives. Spreading and `Object.assign` both build the object one property at a time; past a dozen
 * properties V8 then turns it into a hash table, several kilobytes per finding. A literal is one small object of a
 * single shape, which matters when a large app has tens of thousands of findings.
 */
function reported(finding: Finding, common: EvaluatedFields, outcome: Outcome): ReportedFinding {
  return {
    ruleId: finding.ruleId,
    category: finding.category,
    stackPath: finding.stackPath,
    logicalId: finding.logicalId,
    constructPath: finding.constructPath,
    resourceType: finding.resourceType,
    remediation: outcome.remediation ?? finding.remediation,
    templatePath: common.templatePath,
    acknowledged: finding.acknowledged,
    findingId: finding.findingId,
    kind: finding.kind,
    severity: outcome.severity ?? finding.severity,
    message: outcome.message ?? finding.message,
    location: finding.location,
    acknowledgedReason: finding.acknowledgedReason,
    acknowledgedId: finding.acknowledgedId,
    acknowledgedAt: finding.acknowledgedAt,
    fingerprint: common.fingerprint,
    sourceLocation: common.sourceLocation,
    templateLine: common.templateLine,
    status: outcome.status,
    acknowledgement: outcome.acknowledgement,
  };
}

/** What the evaluation finds out about every finding. */
interface EvaluatedFields {
  readonly fingerprint: string;
  readonly templatePath?: string;
  readonly sourceLocation?: SourceLocation;
  readonly templateLine?: number;
}

/** The evaluation's decision about one finding, and what it changes in it. */
interface Outcome {
  readonly status: FindingStatus;
  readonly severity?: Severity;
  readonly message?: string;
  readonly remediation?: string;
  readonly acknowledgement?: Acknowledgement;
}
