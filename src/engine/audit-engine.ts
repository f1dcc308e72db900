import { ConstructIndex } from './construct-index';
import { FrameworkResources } from './framework-resources';
import { AuditedResource } from '../core/audited-resource';
import { Finding, FindingKind } from '../core/finding';
import { ResourceVariant } from '../core/private/resource-variants';
import { duplicateRuleIdProblem, findingIdProblem, ruleContractProblems } from '../core/private/rule-checks';
import { CallerDialect, CallerLanguage } from '../core/prop-errors';
import { IRule, Severity, Verdict, VerdictKind } from '../core/rule';
import { StackView } from '../core/stack-view';
import { VariantVerdicts } from './private/variant-verdicts';

/** One stack to audit: its deployed view and, when the host has it, the construct tree it came from. */
export interface AuditedStack {
  /** The deployed view of the stack. */
  readonly view: StackView;
  /**
   * The constructs behind the template. Needed to honour acknowledgements and to recognise framework resources.
   *
   * @default - no acknowledgements are read and no resource is treated as framework-generated
   */
  readonly constructs?: ConstructIndex;
}

/** Configuration of an `AuditEngine`. */
export interface AuditEngineProps {
  /** The rules to run. Ids must be unique. */
  readonly rules: IRule[];
  /**
   * Severity of violations per rule id, replacing the rule's own (and its verdicts') severity. This is how a pack
   * raises or lowers a rule. Undecidable findings stay warnings whatever is set here.
   *
   * @default - each rule's own severity
   */
  readonly severityOverrides?: { [ruleId: string]: Severity };
}

/**
 * The one audit walk shared by every host. Rules are indexed by resource type once; each resource of each stack is
 * visited once and handed only to the rules that read its type. A rule that throws becomes an error finding that
 * names the rule and the resource: it never crashes the synthesis, and it is never a silent pass.
 */
export class AuditEngine {
  private readonly rulesByType = new Map<string, IRule[]>();
  private readonly severityOverrides: { [ruleId: string]: Severity };
  /** The language of the app being audited (a jsii runtime sets `JSII_AGENT`), and texts already translated to it. */
  private readonly language = CallerDialect.current();
  private readonly translations = new Map<string, string>();

  constructor(props: AuditEngineProps) {
    this.severityOverrides = props.severityOverrides ?? {};
    const problems = props.rules.flatMap(ruleContractProblems);
    const seen = new Set<string>();
    for (const rule of props.rules) {
      if (seen.has(rule.id)) problems.push(duplicateRuleIdProblem(rule.id, 'is given twice; each rule may run only once per audit'));
      seen.add(rule.id);
    }
    if (problems.length > 0) throw new Error(`AuditEngine: ${problems.join('; ')}.`);
    for (const rule of props.rules) {
      for (const type of new Set(rule.resourceTypes)) {
        const list = this.rulesByType.get(type) ?? [];
        list.push(rule);
        this.rulesByType.set(type, list);
      }
    }
  }

  /**
   * A message or fix with the code it names in the app's language (`memory_size` for Python, `MemorySize` for Go),
   * from `JSII_AGENT`; unchanged for TypeScript and JavaScript apps.
   */
  private inCallersLanguage(text: string): string {
    if (this.language === CallerLanguage.TYPESCRIPT) return text;
    let translated = this.translations.get(text);
    if (translated === undefined) {
      translated = CallerDialect.text(text, this.language);
      this.translations.set(text, translated);
    }
    return translated;
  }

  /** The resource types at least one rule reads. */
  public get resourceTypes(): string[] {
    return [...this.rulesByType.keys()];
  }

  /**
   * Audits stacks and returns every finding, acknowledged ones included (with their acknowledgement), in stack
   * order, then template order.
   */
  public audit(stacks: AuditedStack[]): Finding[] {
    const findings: Finding[] = [];
    for (const stack of stacks) this.auditStack(stack, findings);
    return findings;
  }

  private auditStack(stack: AuditedStack, into: Finding[]): void {
    const view = stack.view;
    const framework = stack.constructs ? FrameworkResources.classify(view, stack.constructs) : FrameworkResources.none();
    for (const resource of view.resources) {
      const rules = this.rulesByType.get(resource.resourceType);
      if (!rules) continue;
      const variants = view._variantsOf(resource);
      for (const rule of rules) {
        if (framework.isExempt(resource.logicalId, rule.id)) continue;
        for (const finding of this.judge(rule, resource, view, variants)) {
          into.push(acknowledge(finding, stack.constructs));
        }
      }
    }
  }

  /**
   * The rule's findings on a resource. A resource whose properties still hold choices (an `Fn::If` on a parameter,
   * a region-keyed `Fn::FindInMap`) is judged in each combination: what holds in every one is reported as it is,
   * what holds in only some becomes "unable to decide", naming the choice.
   */
  private judge(rule: IRule, resource: AuditedResource, view: StackView, variants: ViewVariant[] | undefined): Finding[] {
    let verdicts: Verdict[];
    try {
      verdicts = variants
        ? VariantVerdicts.merge(variants.map((v) => ({ options: v.options, verdicts: rule.check(v.resource, v.view) ?? [] })))
        : rule.check(resource, view) ?? [];
    } catch (error) {
      return [this.ruleFailure(rule, resource, view, error)];
    }
    return verdicts.map((verdict) => {
      const malformed = findingIdProblem(verdict.findingId);
      if (malformed !== undefined) return this.malformedVerdict(rule, resource, view, verdict, malformed);
      const undecidable = verdict.kind === VerdictKind.UNDECIDABLE;
      return this.finding(rule, resource, view, {
        findingId: verdict.findingId,
        kind: undecidable ? FindingKind.UNDECIDABLE : FindingKind.VIOLATION,
        severity: undecidable ? Severity.WARNING : this.severityOverrides[rule.id] ?? verdict.severity ?? rule.severity,
        message: undecidable
          ? `Unable to decide: ${this.inCallersLanguage(verdict.detail)}`
          : this.inCallersLanguage(verdict.detail),
        remediation: this.inCallersLanguage(rule.remediation),
        location: verdict.location,
      });
    });
  }

  private ruleFailure(rule: IRule, resource: AuditedResource, view: StackView, error: unknown): Finding {
    const reason = error instanceof Error ? error.message : String(error);
    return this.finding(rule, resource, view, {
      kind: FindingKind.RULE_FAILURE,
      severity: Severity.ERROR,
      message: `Rule ${rule.id} failed while checking ${resource.resourceType} ${resource.logicalId}: ${reason}. `
        + 'This is a defect in the rule, not in your app: please report it.',
      remediation: `Report the failure to the rule's maintainers; to proceed meanwhile, acknowledge ${rule.id} on `
        + `${resource.constructPath} with a reason.`,
    });
  }

  /**
   * A verdict the audit cannot report as it is (its finding id could not be acknowledged): an error finding that
   * names the rule, carries what the verdict said, and is never a silent pass.
   */
  private malformedVerdict(rule: IRule, resource: AuditedResource, view: StackView, verdict: Verdict, problem: string): Finding {
    return this.finding(rule, resource, view, {
      kind: FindingKind.RULE_FAILURE,
      severity: Severity.ERROR,
      message: `Rule ${rule.id} gave a verdict on ${resource.resourceType} ${resource.logicalId} that cannot be reported: ${problem}. `
        + `The verdict said: ${this.inCallersLanguage(String(verdict.detail))} This is a defect in the rule, not in your app: please report it.`,
      remediation: `Report the failure to the rule's maintainers; to proceed meanwhile, acknowledge ${rule.id} on `
        + `${resource.constructPath} with a reason.`,
      location: verdict.location,
    });
  }

  /**
   * A finding written out field by field, not spread from a common base: every finding then has the same shape,
   * which is several times cheaper to build, and to read in the reports, than objects extended property by property.
   */
  private finding(rule: IRule, resource: AuditedResource, view: StackView, what: VerdictFields): Finding {
    return {
      ruleId: rule.id,
      category: rule.category,
      stackPath: view.stackPath,
      logicalId: resource.logicalId,
      constructPath: resource.constructPath,
      resourceType: resource.resourceType,
      remediation: what.remediation,
      templatePath: view.templatePath,
      acknowledged: false,
      findingId: what.findingId,
      kind: what.kind,
      severity: what.severity,
      message: what.message,
      location: what.location,
    };
  }
}

/** A resource in one combination of its choices, with the view as it is in that combination. */
type ViewVariant = ResourceVariant & { readonly view: StackView };

/** What a finding says beyond which rule and resource it is about. */
interface VerdictFields {
  readonly findingId?: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly message: string;
  readonly remediation: string;
  readonly location?: string;
}

/**
 * Attaches the acknowledgement in force that covers the finding, from the audit's one acknowledgement index (shared by
 * the stacks of one audit through their construct indexes; the reports review the same index).
 */
function acknowledge(finding: Finding, constructs: ConstructIndex | undefined): Finding {
  const construct = constructs?.constructOf(finding.logicalId);
  const ack = construct && constructs!._acknowledgementIndex().inForce(construct, finding.ruleId, finding.findingId);
  if (!ack) return finding;
  return {
    ...finding,
    acknowledged: true,
    acknowledgedReason: ack.reason,
    acknowledgedId: ack.recordedId,
    acknowledgedAt: ack.constructPath,
  };
}
