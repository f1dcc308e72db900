import { AuditedResource } from '../../../core/audited-resource';
import { StackView } from '../../../core/stack-view';

/** Where a kind of resource-policy resource names the resources it applies to. */
export interface PolicyAttachment {
  /** The policy resource type (`AWS::SQS::QueuePolicy`). */
  readonly policyType: string;
  /** The property that names the target or targets (`Queues`, `Topics`, `TopicArn`, `Bucket`). */
  readonly targetProperty: string;
}

/** A resource policy document attached to a resource, with where it sits. */
export interface AttachedPolicyDocument {
  readonly document: any;
  readonly location: string;
}

/**
 * The resource policies of the stack that apply to `target` (a queue, topic or bucket): those whose target property
 * refers to it through `Ref` / `Fn::GetAtt`. Uses the view's reverse reference index, so the cost does not grow with
 * the number of policies in the stack.
 */
export function attachedPolicies(target: AuditedResource, stack: StackView, attachments: PolicyAttachment[]): AttachedPolicyDocument[] {
  const documents: AttachedPolicyDocument[] = [];
  for (const attachment of attachments) {
    for (const policy of stack.referencingResources(target.logicalId, attachment.policyType)) {
      const applies = targetsOf(policy, attachment).some((item) => stack.resolve(item).referencedLogicalIds.includes(target.logicalId));
      if (applies) documents.push({ document: policy.properties.PolicyDocument, location: `${policy.logicalId}/Properties/PolicyDocument` });
    }
  }
  return documents;
}

/**
 * The policies of the stack whose targets are not known at synth time (a parameter, an import), any of which might
 * apply to a resource: `<logicalId>.<property> (<what is unknown>)` for each. Only needed when a rule found no
 * attached policy that satisfies it, to answer "unable to decide" rather than "violation".
 */
export function policiesWithUnknownTargets(stack: StackView, attachments: PolicyAttachment[]): string[] {
  const reasons: string[] = [];
  for (const attachment of attachments) {
    for (const policy of stack.resourcesOfType(attachment.policyType)) {
      for (const item of targetsOf(policy, attachment)) {
        const resolved = stack.resolve(item);
        if (resolved.unknownReason) reasons.push(`${policy.logicalId}.${attachment.targetProperty} (${resolved.unknownReason})`);
      }
    }
  }
  return reasons;
}

function targetsOf(policy: AuditedResource, attachment: PolicyAttachment): any[] {
  const targets = policy.properties[attachment.targetProperty];
  return Array.isArray(targets) ? targets : [targets];
}
