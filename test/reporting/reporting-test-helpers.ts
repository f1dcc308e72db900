import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { AuditedResource } from '../../src/core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../../src/core/rule';
import { AuditEngine } from '../../src/engine/audit-engine';
import { StackViews } from '../../src/engine/stack-views';
import { IRulePack } from '../../src/packs/rule-pack';
import { evaluate as evaluateFindings } from '../../src/reporting/private/evaluation';
import { AuditResultData } from '../../src/reporting/private/result-data';
import { RuleDescription } from '../../src/reporting/report-types';
import { RuleRegistry } from '../../src/rules/rule-registry';

export { tempDir } from '../support/temp-dirs';

/** A pack with no rules: reporting tests run only the small rules below. */
export const NO_RULES: IRulePack = { name: 'None', entries: [] };

/** Reports a resource of `type` that lacks a property, so tests control findings through real CDK props. */
export class MissingPropertyRule implements IRule {
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly resourceTypes: string[];
  public readonly description: string;
  public readonly remediation: string;

  constructor(public readonly id: string, type: string, private readonly property: string, public readonly severity = Severity.ERROR) {
    this.resourceTypes = [type];
    this.description = `The resource sets ${property}.`;
    this.remediation = `Set ${property}.`;
  }

  public check(resource: AuditedResource): Verdict[] {
    if (resource.property(this.property) !== undefined) return [];
    return [{ kind: VerdictKind.VIOLATION, detail: `${this.property} is not set.`, location: `Properties/${this.property}` }];
  }
}

/** An error: queues must name a KMS key. */
export const queueKeyRule = () => new MissingPropertyRule('TEST-QUEUE-KEY', 'AWS::SQS::Queue', 'KmsMasterKeyId');
/** A warning: functions should trace. */
export const functionTracingRule = () => new MissingPropertyRule('TEST-FN-TRACING', 'AWS::Lambda::Function', 'TracingConfig', Severity.WARNING);
/** Info: functions should name a description. */
export const functionDescriptionRule = () => new MissingPropertyRule('TEST-FN-DESCRIPTION', 'AWS::Lambda::Function', 'Description', Severity.INFO);

export function newApp(context?: { [key: string]: any }): App {
  return new App({ builtinCloudFormationValidation: false, context } as any);
}

export function stackPathsOf(root: IConstruct): string[] {
  return root.node.findAll().filter((c) => Stack.isStack(c)).map((s) => s.node.path);
}

/** The rules as the reports describe them. */
export function describeRules(rules: IRule[]): RuleDescription[] {
  return rules.map((r) => ({ id: r.id, description: r.description, remediation: r.remediation, severity: r.severity, category: r.category }));
}

/** What an evaluation is given besides the app and its rules. */
export interface EvaluateOptions {
  readonly failOn?: Severity;
  readonly baseline?: AuditBaseline;
  readonly writingBaseline?: boolean;
  readonly sourceRoot?: string;
  readonly withPermissions?: boolean;
}

/** Audits an app from its construct tree and evaluates the findings as a host would (no files, nothing printed). */
export function evaluate(app: IConstruct, rules: IRule[], options: EvaluateOptions = {}): AuditResultData {
  const stacks = StackViews.fromConstructTree(app);
  return evaluateFindings({
    findings: new AuditEngine({ rules }).audit(stacks),
    stacks,
    failOn: options.failOn ?? Severity.ERROR,
    rules: describeRules(rules),
    knownRuleIds: new Set([...RuleRegistry.builtIn().ids, ...rules.map((r) => r.id)]),
    sourceRoot: options.sourceRoot ?? process.cwd(),
    reportName: 'security-audit',
    baseline: options.baseline,
    writingBaseline: options.writingBaseline,
  });
}
