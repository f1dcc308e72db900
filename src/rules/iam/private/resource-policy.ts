import { analysisOptionsOf, permissionVerdicts } from './permission-verdicts';
import { AuditedResource } from '../../../core/audited-resource';
import { Severity, Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { PermissionFindingKind, PermissionFindingKinds } from '../../../iam/permission-finding';
import { PolicyAnalyzer } from '../../../iam/policy-analyzer';

/**
 * The verdicts of a resource-policy rule (queue, topic, bucket, bus, key, secret, REST API, table, repository), from
 * the one judgement of who a resource policy admits (`PolicyAnalyzer`, `principal-analysis.ts`):
 * - anyone (`*`, `{"AWS": "*"}`, `NotPrincipal`) without a condition whose value narrows the callers and without a
 *   `Deny` for everyone outside a named network or organization: a violation with the rule's severity;
 * - an AWS service principal without an `aws:SourceArn` / `aws:SourceAccount` that names this account's resources
 *   (confused deputy): a violation with `serviceSeverity`;
 * - a principal, an effect or a condition value not known at synth time: unable to decide, naming the value.
 * Finding ids are the statement's `Sid` (else `Statement<index>`).
 */
export function resourcePolicyVerdicts(resource: AuditedResource, stack: StackView, serviceSeverity: Severity = Severity.WARNING): Verdict[] {
  return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, PermissionFindingKinds.resourcePolicy(), analysisOptionsOf(stack)),
    { [PermissionFindingKind.RESOURCE_POLICY_SERVICE_UNSCOPED]: serviceSeverity });
}
