import { Acknowledgement } from '../../acknowledgements/acknowledgement';
import { Severity } from '../../core/rule';
import { BaselineSummary, ReportedFinding, RuleDescription } from '../report-types';
import { StackFunctionPermissions } from './function-permissions';

/** Everything one audit concluded, as the renderers read it (`AuditResult` wraps it). */
export interface AuditResultData {
  readonly failOn: Severity;
  /** No finding fails and no acknowledgement names an unknown rule. */
  readonly passed: boolean;
  readonly stackPaths: string[];
  /** Every finding, acknowledged and baselined ones included, in audit order. */
  readonly findings: ReportedFinding[];
  /** Every acknowledgement of the audited stacks and their ancestors, in tree order. */
  readonly acknowledgements: Acknowledgement[];
  readonly rules: RuleDescription[];
  readonly baseline?: BaselineSummary;
  readonly functionPermissions?: StackFunctionPermissions[];
  /** Source paths are shown relative to this folder. */
  readonly sourceRoot: string;
  /** The reports' file name without extension. */
  readonly reportName: string;
  /** The report files this synthesis wrote (for the console's closing line). */
  readonly reportFiles: string[];
}
