import { StackFunctionPermissions } from './function-permissions';
import { ReportedFinding } from './reported-finding';
import { AcknowledgementRecord } from '../acknowledgements/acknowledgement-record';
import { RuleCategory, Severity } from '../core/rule';

/** What the audit concluded about an acknowledgement. */
export enum AcknowledgementStatus {
  /** In force and covering at least one finding. */
  ACTIVE = 'active',
  /** Its expiry date has passed and it covers findings, which fail again. */
  EXPIRED = 'expired',
  /** It covers no finding of the audit: the problem was fixed or the id is wrong. Remove it. */
  STALE = 'stale',
  /** It acknowledges another tool's rule (cdk-nag, CDK): listed, but this audit cannot tell whether it is used. */
  OTHER_TOOL = 'other-tool',
}

/** An acknowledgement as the reports list it. */
export interface ReviewedAcknowledgement extends AcknowledgementRecord {
  /** What the audit concluded about it. */
  readonly status: AcknowledgementStatus;
  /** How many findings of this audit it covers (or, expired, used to cover). */
  readonly findingCount: number;
}

/** How the findings compare with the baseline. */
export interface BaselineSummary {
  /**
   * The baseline file.
   *
   * @default - no file
   */
  readonly file?: string;
  /** Whether the file exists. */
  readonly exists: boolean;
  /** True when this synthesis wrote (or refreshed) the file from its findings. */
  readonly written: boolean;
  /** Entries in the baseline. */
  readonly entries: number;
  /** Findings of this synthesis that the baseline holds: what remains to be worked off. */
  readonly remaining: number;
  /** Entries no finding matches any more: fixed, and removable by refreshing the file. */
  readonly fixed: number;
}

/** A rule as the reports describe it. */
export interface RuleDescription {
  /** Rule id. */
  readonly id: string;
  /** The secure state the rule expects. */
  readonly description: string;
  /** How to fix a violation. */
  readonly remediation: string;
  /** The severity of a violation in the pack that ran. */
  readonly severity: Severity;
  /** The threat the rule answers. */
  readonly category: RuleCategory;
}

/** Everything one synthesis's audit concluded: what every report renders, and what decides success. */
export interface AuditResult {
  /** The lowest severity that fails the synthesis. */
  readonly failOn: Severity;
  /** True when no finding fails the synthesis. */
  readonly passed: boolean;
  /** Construct paths of the stacks audited, in audit order. */
  readonly stackPaths: string[];
  /** Every finding, acknowledged and baselined ones included, in audit order. */
  readonly findings: ReportedFinding[];
  /** Every acknowledgement in the audited stacks (and their ancestors), in tree order. */
  readonly acknowledgements: ReviewedAcknowledgement[];
  /** The rules that ran. */
  readonly rules: RuleDescription[];
  /**
   * How the findings compare with the baseline.
   *
   * @default - no baseline configured
   */
  readonly baseline?: BaselineSummary;
  /**
   * What each function can do, per stack, from the least-privilege analysis.
   *
   * @default - not computed (no stack views given, or turned off with `AuditReportingOptions.functionPermissions`)
   */
  readonly functionPermissions?: StackFunctionPermissions[];
}
