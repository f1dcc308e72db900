import { RuleCategory, Severity } from './rule';

/** What a finding says about a resource. */
export enum FindingKind {
  /** The resource violates the rule. */
  VIOLATION = 'violation',
  /** The rule could not decide because a value it needs is unknown at synth time. Always a warning. */
  UNDECIDABLE = 'undecidable',
  /**
   * The rule itself failed (threw) on this resource. Reported as an error so that a broken rule is never a silent
   * pass; it names the rule and the resource so the failure can be reported upstream.
   */
  RULE_FAILURE = 'rule-failure',
}

/**
 * One finding of the audit: a rule's verdict about one resource, with everything a report needs. Reports
 * (console, JSON, Markdown, SARIF) are renderings of a list of these and compute nothing of their own.
 */
export interface Finding {
  /** The rule that produced the finding (`SLS-LAMBDA-URL-AUTH`). */
  readonly ruleId: string;
  /**
   * Identifies this finding among several of the same rule on one resource (an environment variable name, for
   * example). The finding is acknowledged on its own as `<ruleId>[<findingId>]`.
   *
   * @default - the finding is identified by the rule id alone
   */
  readonly findingId?: string;
  /** Violation, unable to decide, or a rule failure. */
  readonly kind: FindingKind;
  /** Effective severity: the pack's or verdict's severity for violations, always WARNING for undecidable ones. */
  readonly severity: Severity;
  /** The threat the rule answers. */
  readonly category: RuleCategory;
  /** Construct path of the stack holding the resource. */
  readonly stackPath: string;
  /** Logical id of the resource in its template. */
  readonly logicalId: string;
  /** Construct path of the resource (the logical id when it has no construct). */
  readonly constructPath: string;
  /** CloudFormation type of the resource. */
  readonly resourceType: string;
  /**
   * What is wrong on this resource, first and in the user's terms (the verdict's detail: `Environment variable
   * DB_PASSWORD holds a literal secret.`); an undecidable finding starts with `Unable to decide:`. What the rule
   * expects is its description, in the reports' rule sections.
   */
  readonly message: string;
  /** How to fix it. */
  readonly remediation: string;
  /**
   * Where in the resource the problem is, as a CloudFormation property path.
   *
   * @default - the resource as a whole
   */
  readonly location?: string;
  /**
   * The synthesized template the resource is in.
   *
   * @default - the view was built from the construct tree, not from a template file
   */
  readonly templatePath?: string;
  /** True when an acknowledgement in the construct tree covers this finding. */
  readonly acknowledged: boolean;
  /**
   * The reason given with the acknowledgement.
   *
   * @default - not acknowledged
   */
  readonly acknowledgedReason?: string;
  /**
   * The id exactly as acknowledged (`ServerlessSecurityChecks::SLS-LAMBDA-TRACING`, `Annotation::SLS-LAMBDA-TRACING`).
   *
   * @default - not acknowledged
   */
  readonly acknowledgedId?: string;
  /**
   * Construct path of the construct that carries the acknowledgement (the resource itself or an ancestor).
   *
   * @default - not acknowledged
   */
  readonly acknowledgedAt?: string;
}
