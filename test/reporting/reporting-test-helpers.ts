import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { AuditedResource } from '../../src/core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../../src/core/rule';
import { ServerlessSecurityChecks } from '../../src/hosts/serverless-security-checks';
import { IRulePack } from '../../src/packs/rule-pack';
import { AuditEvaluator } from '../../src/reporting/audit-evaluator';
import { AuditResult } from '../../src/reporting/audit-result';

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

export function newApp(context?: { [key: string]: any }): App {
  return new App({ builtinCloudFormationValidation: false, context } as any);
}

export function stackPathsOf(root: IConstruct): string[] {
  return root.node.findAll().filter((c) => Stack.isStack(c)).map((s) => s.node.path);
}

/** Runs the engine (through the plugin's direct entry) and evaluates its findings like a host would. */
export interface EvaluateOptions {
  readonly failOn?: Severity;
  readonly baseline?: AuditBaseline;
  readonly writingBaseline?: boolean;
}

export function evaluate(app: App, rules: IRule[], options: EvaluateOptions = {}): AuditResult {
  const findings = new ServerlessSecurityChecks(undefined, { pack: NO_RULES, additionalRules: rules }).audit(app);
  return AuditEvaluator.evaluate({ findings, root: app, stackPaths: stackPathsOf(app), rules, ...options });
}

