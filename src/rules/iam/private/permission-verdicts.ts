import { Severity, Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';
import { PermissionFinding, PermissionFindingKind } from '../../../iam/permission-finding';
import { PolicyAnalysisOptions } from '../../../iam/policy-analyzer';

/** The severity a rule gives some of the kinds it reports; a kind not listed takes the rule's own severity. */
export type SeverityByKind = Partial<Record<PermissionFindingKind, Severity>>;

/**
 * The CloudFormation types that carry identity policies (what a role, user or group may do): the types the IAM rules
 * that judge grants read. Trust and resource policies are read by other rules.
 */
export const IDENTITY_POLICY_TYPES: readonly string[] = [
  'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy', 'AWS::IAM::UserPolicy', 'AWS::IAM::GroupPolicy',
];

/**
 * Turns the least-privilege findings a rule owns (`PolicyAnalyzer.findingsFor`) into its verdicts, with the one verdict
 * helper (`Verdicts`): an `UNDECIDABLE` finding is "unable to decide" naming what is unknown, anything else a violation. The finding's id becomes the verdict's, so each finding
 * can be acknowledged on its own as `<ruleId>[<findingId>]`.
 */
export function permissionVerdicts(findings: PermissionFinding[], severities: SeverityByKind = {}): Verdict[] {
  return findings.map((finding) => {
    const where = { findingId: finding.findingId, location: finding.location };
    return finding.kind === PermissionFindingKind.UNDECIDABLE
      ? Verdicts.undecidable(finding.detail, finding.unknownReason ?? 'a value unknown at synth time', where)
      : Verdicts.violation(finding.detail, { ...where, severity: severities[finding.kind] });
  });
}

/**
 * The analysis options of a stack: in a stack with an explicit `env`, its literal account id is this account, so a
 * principal naming it is not "another account". Undefined for an environment-agnostic stack, so the analysis of each
 * resource is computed once and shared by every rule.
 */
export function analysisOptionsOf(stack: StackView): PolicyAnalysisOptions | undefined {
  return stack.account === undefined ? undefined : { ownAccountIds: [stack.account] };
}
