import { AuditedResource } from '../../../core/audited-resource';
import { readValue } from '../../../core/private/values';

import { StackView } from '../../../core/stack-view';

export const LOG_GROUP_TYPE = 'AWS::Logs::LogGroup';
/** The custom resource behind aws-cdk-lib's (deprecated) `logRetention` prop: it sets retention on a named group. */
export const LOG_RETENTION_TYPE = 'Custom::LogRetention';

/**
 * The log group (or log-retention custom resource) of this stack whose name renders exactly as `name`
 * (`/aws/lambda/${Fn9270CBC0}`, `/orders/api`), looked up among the resources that refer to `hint` when given
 * (the reverse index, cheap), else among all log groups of the stack.
 */
export function logGroupNamed(stack: StackView, name: string, hint?: AuditedResource): AuditedResource | undefined {
  const candidates = hint
    ? [...stack.referencingResources(hint.logicalId, LOG_GROUP_TYPE), ...stack.referencingResources(hint.logicalId, LOG_RETENTION_TYPE)]
    : [...stack.resourcesOfType(LOG_GROUP_TYPE), ...stack.resourcesOfType(LOG_RETENTION_TYPE)];
  return candidates.find((group) => {
    const groupName = readValue(stack, group.properties.LogGroupName);
    return groupName.known && groupName.value === name;
  });
}
