import { AuditedResource } from './audited-resource';
import { StackView } from './stack-view';

/**
 * How bad a finding is, by what an attacker could do with it (see docs/RULES.md for the reason behind each rule's
 * level):
 * - an error is an exposure an attacker can use or a leak of data, and fails `cdk synth`;
 * - a warning is defence in depth that a secure app would still fix; it is printed, and fails only with
 *   `failOn: Severity.WARNING`;
 * - info is hygiene a secure app may reasonably skip; it is in the reports only, never on the console, and fails only
 *   with `failOn: Severity.INFO`.
 */
export enum Severity {
  /** An exposure: fails synthesis. */
  ERROR = 'error',
  /** Defence in depth: reported, does not fail synthesis unless the user asks for it (`failOn: WARNING`). */
  WARNING = 'warning',
  /** Hygiene: in the reports only, never printed, does not fail synthesis unless the user asks (`failOn: INFO`). */
  INFO = 'info',
}

/**
 * The serverless threat a rule answers (see THREATS.md): every rule maps to exactly one.
 */
export enum RuleCategory {
  /** T1: requests reach code without proving who they come from. */
  AUTHENTICATION = 'T1-authentication',
  /** T2: event data reaches code without being validated. */
  INPUT_VALIDATION = 'T2-input-validation',
  /** T3: insecure configuration and dependencies. */
  CONFIGURATION = 'T3-configuration',
  /** T4: functions and principals can do more than they need. */
  PRIVILEGES = 'T4-privileges',
  /** T5: secrets stored in plain configuration. */
  SECRETS = 'T5-secrets',
  /** T6: missing logging, tracing and alarms. */
  LOGGING_MONITORING = 'T6-logging-monitoring',
}

/** What a rule concluded about one aspect of one resource. */
export enum VerdictKind {
  /** The resource violates the rule. Reported with the rule's severity (or the verdict's override). */
  VIOLATION = 'violation',
  /**
   * The rule could not decide, because a value it needs is not known at synth time (an imported resource, a
   * parameter, a cross-stack reference). Always reported as a warning: never a silent pass.
   */
  UNDECIDABLE = 'undecidable',
}

/**
 * One conclusion of a rule about a resource. A rule returns no verdict at all for a compliant or not-applicable
 * resource.
 */
export interface Verdict {
  /** Violation or unable to decide. */
  readonly kind: VerdictKind;
  /**
   * What exactly is wrong on this resource, in one sentence that names the offending value
   * (for example `Environment variable DB_PASSWORD holds a literal value.`).
   */
  readonly detail: string;
  /**
   * A short stable id for this particular finding when a rule can report several on one resource (for example the
   * environment variable name). It can be acknowledged on its own as `<ruleId>[<findingId>]`.
   * Letters, digits, `-`, `_`, `.`, `:` and `*` only.
   *
   * @default - the finding is identified by the rule id alone
   */
  readonly findingId?: string;
  /**
   * Where in the resource the problem is, as a CloudFormation property path (`Properties/Environment/Variables/X`).
   *
   * @default - the resource as a whole
   */
  readonly location?: string;
  /**
   * Overrides the rule's severity for this verdict (a rule may, for example, report a runtime that is deprecated as
   * an error and one close to deprecation as a warning).
   *
   * @default - the rule's severity
   */
  readonly severity?: Severity;
}

/**
 * A security rule of the audit. Rules are classes implementing this interface so that users in every jsii language
 * can list, reuse and add rules.
 *
 * A rule reads only the deployed view: CloudFormation properties after token resolution and after raw overrides,
 * exactly as CloudFormation receives them. It never throws: a value it cannot resolve yields an
 * `UNDECIDABLE` verdict.
 */
export interface IRule {
  /** Stable id: letters, digits and hyphens (for example `SLS-LAMBDA-URL-AUTH`). Never derived from a file name. */
  readonly id: string;
  /** The threat the rule answers. */
  readonly category: RuleCategory;
  /** Default severity of a violation. */
  readonly severity: Severity;
  /**
   * Why the rule has its severity, in one sentence that names what an attacker could do (an error) or which defence
   * in depth is missing (a warning) or why a secure app may skip it (info). Listed in docs/RULES.md.
   *
   * @default - no reason is documented
   */
  readonly severityReason?: string;
  /** One sentence describing the secure state the rule expects (`The Lambda function URL requires IAM auth.`). */
  readonly description: string;
  /** How to fix a violation, naming the `Secure*` construct prop that fixes it when there is one. */
  readonly remediation: string;
  /** The CloudFormation resource types the rule reads (`AWS::Lambda::Url`). The engine calls the rule only for them. */
  readonly resourceTypes: string[];

  /**
   * Judge one resource of one of `resourceTypes`.
   *
   * @param resource the resource as deployed
   * @param stack the stack the resource belongs to, to follow references to other resources
   * @returns the verdicts: none when the resource complies or the rule does not apply
   */
  check(resource: AuditedResource, stack: StackView): Verdict[];
}
