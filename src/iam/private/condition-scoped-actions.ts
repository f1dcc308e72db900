/**
 * Write actions that name no resource in a policy but that a condition key of their own service scopes, the way AWS
 * documents for them: on `Resource: *` without that key they reach everything the service holds, with it they reach
 * only what the key names. The IAM catalogue has no condition keys, so they are listed here, with the key to add.
 *
 * - `cloudwatch:PutMetricData`: metrics are not resources; the `cloudwatch:namespace` condition key limits the
 *   namespaces the principal may publish to (CloudWatch user guide, "Using condition keys to limit access to
 *   CloudWatch namespaces"). aws-cdk-lib's `Metric.grantPutMetricData` grants it on `*` without the key.
 */
const SCOPING_KEY_OF_ACTION: { readonly [action: string]: string } = {
  'cloudwatch:putmetricdata': 'cloudwatch:namespace',
};

/** The condition key that scopes an action listed above (case-insensitive), or undefined for any other action. */
export function conditionKeyScoping(action: string): string | undefined {
  return SCOPING_KEY_OF_ACTION[action.toLowerCase()];
}
