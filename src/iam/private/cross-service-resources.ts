/**
 * Services whose actions act on resources whose ARNs belong to another service, so a resource of that other service
 * in the same statement applies to them: `sts:AssumeRole` (and `sts:TagSession`, `sts:AssumeRoleWithWebIdentity`)
 * targets IAM role ARNs (`arn:aws:iam::123456789012:role/x`); `ssm:SendCommand` and `ssm:StartSession` target EC2
 * instance ARNs besides SSM documents. (KMS keys used by other services are named in those services' calls, not in
 * their policies' resources, so they need no entry.) Lower case.
 */
const RESOURCE_SERVICES_OF_ACTION_SERVICE: { readonly [actionService: string]: readonly string[] } = {
  sts: ['iam'],
  ssm: ['ec2'],
};

/** Whether an action of `actionService` can act on a resource whose ARN service is `resourceService`. */
export function actsOnResourcesOf(actionService: string, resourceService: string): boolean {
  const action = actionService.toLowerCase();
  const resource = resourceService.toLowerCase();
  return action === resource || (RESOURCE_SERVICES_OF_ACTION_SERVICE[action] ?? []).includes(resource);
}
