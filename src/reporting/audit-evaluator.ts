import * as path from 'path';
import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgementStatus, AuditResult, ReviewedAcknowledgement, RuleDescription } from './audit-result';
import { FindingFingerprints } from './finding-fingerprint';
import { StackFunctionPermissions } from './function-permissions';
import { FindingStatus, ReportedFinding, SourceLocation } from './reported-finding';
import { SourceLocations } from './source-locations';
import { AcknowledgementInventory } from '../acknowledgements/acknowledgement-inventory';
import { AcknowledgementOrigin, AcknowledgementRecord } from '../acknowledgements/acknowledgement-record';
import { AuditBaseline } from '../baseline/audit-baseline';
import { Finding, Findings } from '../core/finding';
import { IRule, Severity } from '../core/rule';
import { StackView } from '../core/stack-view';
import { Acknowledgements } from '../engine/acknowledgements';
import { TemplateLines } from '../engine/private/template-lines';

/** What an evaluation needs besides the engine's findings. */
export interface AuditEvaluationProps {
  /** The engine's findings (acknowledgements in force already applied). */
  readonly findings: Finding[];
  /**
   * The root of the construct tree (the app), to read acknowledgements with their expiry and ticket, and where each
   * resource was created.
   *
   * @default - no acknowledgement is reviewed and no source location is known
   */
  readonly root?: IConstruct;
  /**
   * Construct paths of the stacks audited: acknowledgements outside them (and their ancestors) are not reviewed.
   *
   * @default - the stacks the findings are in
   */
  readonly stackPaths?: string[];
  /**
   * The lowest severity that fails the synthesis.
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * Findings accepted earlier: they are reported but do not fail.
   *
   * @default - no baseline
   */
  readonly baseline?: AuditBaseline;
  /**
   * True when this synthesis writes the baseline from its findings: they are all reported as baselined.
   *
   * @default false
   */
  readonly writingBaseline?: boolean;
  /**
   * The rules that ran, for the reports' rule descriptions and to tell this audit's acknowledgements from other
   * tools'.
   *
   * @default - no rule descriptions; acknowledgements of `SLS-` and `ServerlessSecurityChecks::` ids are this audit's
   */
  readonly rules?: IRule[];
  /**
   * The severity each rule ran with, where the pack changed it.
   *
   * @default - each rule's own severity
   */
  readonly severityOverrides?: { [ruleId: string]: Severity };
  /**
   * What each function can do, per stack, to include in the reports.
   *
   * @default - no permissions section
   */
  readonly functionPermissions?: StackFunctionPermissions[];
  /**
   * The deployed views the findings come from. A view read from a template file may already know on which line each
   * resource starts; the findings' template lines are then taken from it instead of reading the file again.
   *
   * @default - templates are read for line numbers
   */
  readonly views?: StackView[];
}

/**
 * Turns the engine's findings into the result every report renders: applies expired acknowledgements (their
 * findings fail again as errors naming them) and the baseline, decides which findings fail the synthesis, reviews
 * every acknowledgement (in force, expired, stale, another tool's) and finds where each resource was created.
 */
export class AuditEvaluator {
  /** Evaluates one audit. */
  public static evaluate(props: AuditEvaluationProps): AuditResult {
    return new Evaluation(props).result();
  }
}

class Evaluation {
  private readonly failOn: Severity;
  /** Constructs found so far by path; most findings share their resource's construct with others. */
  private readonly constructsByPath = new Map<string, IConstruct | undefined>();
  private readonly records: AcknowledgementRecord[];
  private readonly expiredByPath = new Map<string, AcknowledgementRecord[]>();
  private readonly templateLines: TemplateLines;
  /** A resource often has several findings; its creation stack trace is parsed once. */
  private readonly sourceLocations = new Map<IConstruct, SourceLocation | undefined>();
  private readonly ownRuleIds?: Set<string>;

  constructor(private readonly props: AuditEvaluationProps) {
    this.failOn = props.failOn ?? Severity.ERROR;
    this.templateLines = new TemplateLines(props.views);
    this.ownRuleIds = props.rules ? new Set(props.rules.map((r) => r.id)) : undefined;
    const stackPaths = this.stackPaths();
    this.records = [];
    if (props.root) {
      this.records = AcknowledgementInventory.collect(props.root).filter((r) => inScope(r.constructPath, stackPaths));
    }
    for (const record of this.records.filter((r) => r.expired)) {
      const list = this.expiredByPath.get(record.constructPath) ?? [];
      list.push(record);
      this.expiredByPath.set(record.constructPath, list);
    }
  }

  public result(): AuditResult {
    const findings = this.props.findings.map((f) => this.report(f));
    const baseline = this.props.baseline;
    const fingerprints = new Set(findings.map((f) => f.fingerprint));
    const byRule = new Map<string, ReportedFinding[]>();
    for (const finding of findings) {
      const list = byRule.get(finding.ruleId) ?? [];
      list.push(finding);
      byRule.set(finding.ruleId, list);
    }
    return {
      failOn: this.failOn,
      passed: findings.every((f) => f.status !== FindingStatus.FAILING),
      stackPaths: this.stackPaths(),
      findings,
      acknowledgements: this.records.map((r) => this.review(r, byRule)),
      rules: (this.props.rules ?? []).map((r) => this.describe(r)),
      baseline: baseline && {
        file: baseline.file,
        exists: baseline.exists,
        written: this.props.writingBaseline ?? false,
        entries: baseline.entries.length,
        remaining: findings.filter((f) => f.status === FindingStatus.BASELINED).length,
        fixed: baseline.entries.filter((e) => !fingerprints.has(e.fingerprint)).length,
      },
      functionPermissions: this.props.functionPermissions,
    };
  }

  private report(finding: Finding): ReportedFinding {
    const construct = this.constructAt(finding.constructPath);
    const templatePath = finding.templatePath ?? (construct ? templateFileOf(construct) : undefined);
    const common: EvaluatedFields = {
      fingerprint: FindingFingerprints.of(finding),
      templatePath,
      sourceLocation: construct ? this.sourceLocationOf(construct) : undefined,
      templateLine: templatePath ? this.templateLines.lineOf(templatePath, finding.logicalId) : undefined,
    };
    if (finding.acknowledged) {
      return reported(finding, common, { status: FindingStatus.ACKNOWLEDGED, acknowledgement: this.acknowledgementOf(finding) });
    }
    const expired = construct && this.expiredCovering(construct, finding);
    if (expired) {
      return reported(finding, common, {
        severity: Severity.ERROR,
        status: FindingStatus.FAILING,
        expiredAcknowledgement: expired,
        message: `${finding.message} The acknowledgement ${expired.id} on ${expired.constructPath} expired on `
          + `${expired.expires}${expired.ticket ? ` (ticket ${expired.ticket})` : ''}; its reason was: ${expired.reason}`,
        remediation: `${finding.remediation} Or, if the exception still holds, renew the acknowledgement with a later `
          + 'expiry date.',
      });
    }
    const baselined = this.props.writingBaseline || this.props.baseline?.includes(finding);
    const status = baselined ? FindingStatus.BASELINED
      : Findings.isAtLeast(finding, this.failOn) ? FindingStatus.FAILING : FindingStatus.BELOW_THRESHOLD;
    return reported(finding, common, { status });
  }

  /**
   * The construct at a path, found by walking down from the root one path segment at a time: a large app has tens of
   * thousands of constructs, and only those with findings need to be found.
   */
  private constructAt(constructPath: string): IConstruct | undefined {
    if (this.constructsByPath.has(constructPath)) return this.constructsByPath.get(constructPath);
    const root = this.props.root;
    let found: IConstruct | undefined;
    if (root) {
      const rootPath = root.node.path;
      const relative = rootPath === '' ? constructPath
        : constructPath === rootPath ? ''
          : constructPath.startsWith(`${rootPath}/`) ? constructPath.slice(rootPath.length + 1) : undefined;
      found = relative === undefined ? undefined : relative === '' ? root : descendant(root, relative.split('/'));
    }
    this.constructsByPath.set(constructPath, found);
    return found;
  }

  private sourceLocationOf(construct: IConstruct): SourceLocation | undefined {
    if (!this.sourceLocations.has(construct)) this.sourceLocations.set(construct, SourceLocations.ofConstruct(construct));
    return this.sourceLocations.get(construct);
  }

  /** The acknowledgement record behind an acknowledged finding (with expiry and ticket when it has them). */
  private acknowledgementOf(finding: Finding): AcknowledgementRecord {
    const ruleId = finding.acknowledgedId === undefined ? undefined : AcknowledgementInventory.ruleIdOf(finding.acknowledgedId);
    const record = this.records.find((r) => !r.expired && r.constructPath === finding.acknowledgedAt && r.ruleId === ruleId);
    return record ?? {
      id: finding.acknowledgedId ?? Findings.qualifiedRuleId(finding),
      ruleId,
      reason: finding.acknowledgedReason ?? '',
      constructPath: finding.acknowledgedAt ?? finding.constructPath,
      origin: AcknowledgementOrigin.VALIDATIONS,
      expired: false,
    };
  }

  /** The closest expired acknowledgement on the construct or an ancestor that names the finding. */
  private expiredCovering(construct: IConstruct, finding: Finding): AcknowledgementRecord | undefined {
    if (this.expiredByPath.size === 0) return undefined; // the usual case: no walk up the tree per finding
    for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
      const match = this.expiredByPath.get(current.node.path)?.find((r) => covers(r, finding));
      if (match) return match;
    }
    return undefined;
  }

  private review(record: AcknowledgementRecord, findingsByRule: Map<string, ReportedFinding[]>): ReviewedAcknowledgement {
    if (!this.isOwn(record)) return { ...record, status: AcknowledgementStatus.OTHER_TOOL, findingCount: 0 };
    const candidates = findingsByRule.get(record.ruleId!.replace(/\[.*\]$/, '')) ?? [];
    const count = candidates.filter((f) => covers(record, f) && isAtOrBelow(f.constructPath, record.constructPath)).length;
    const status = count === 0 ? AcknowledgementStatus.STALE
      : record.expired ? AcknowledgementStatus.EXPIRED : AcknowledgementStatus.ACTIVE;
    return { ...record, status, findingCount: count };
  }

  /**
   * This audit's acknowledgements: those of a rule that ran, and those that look like ours (namespaced
   * `ServerlessSecurityChecks::` or `SLS-` ids), so that a mistyped or retired id is reported as stale.
   */
  private isOwn(record: AcknowledgementRecord): boolean {
    if (record.ruleId === undefined) return false;
    const ruleId = record.ruleId.replace(/\[.*\]$/, '');
    return this.ownRuleIds?.has(ruleId) || ruleId.startsWith('SLS-')
      || record.id.startsWith(`${Acknowledgements.NAMESPACE}::`);
  }

  private describe(rule: IRule): RuleDescription {
    return {
      id: rule.id,
      description: rule.description,
      remediation: rule.remediation,
      severity: this.props.severityOverrides?.[rule.id] ?? rule.severity,
      category: rule.category,
    };
  }

  private stackPaths(): string[] {
    return this.props.stackPaths ?? [...new Set(this.props.findings.map((f) => f.stackPath))];
  }
}

/** True when the acknowledgement names the finding: its whole rule, or exactly its granular id. */
function covers(record: AcknowledgementRecord, finding: Finding): boolean {
  return record.ruleId === finding.ruleId || record.ruleId === Findings.qualifiedRuleId(finding);
}

function isAtOrBelow(constructPath: string, ancestorPath: string): boolean {
  return ancestorPath === '' || constructPath === ancestorPath || constructPath.startsWith(`${ancestorPath}/`);
}

/** An acknowledgement is reviewed when it lies in an audited stack or on an ancestor of one. */
function inScope(constructPath: string, stackPaths: string[]): boolean {
  return stackPaths.some((s) => isAtOrBelow(constructPath, s) || isAtOrBelow(s, constructPath));
}

function descendant(scope: IConstruct, ids: string[]): IConstruct | undefined {
  let current: IConstruct | undefined = scope;
  for (const id of ids) current = current?.node.tryFindChild(id);
  return current;
}

/** The template file a resource's stack is (or will be) synthesized to. */
function templateFileOf(construct: IConstruct): string | undefined {
  try {
    const stack = Stack.of(construct);
    const stage = Stage.of(stack);
    return stage ? path.join(stage.outdir, stack.templateFile) : undefined;
  } catch {
    return undefined;
  }
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
    expiredAcknowledgement: outcome.expiredAcknowledgement,
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
  readonly acknowledgement?: AcknowledgementRecord;
  readonly expiredAcknowledgement?: AcknowledgementRecord;
}
