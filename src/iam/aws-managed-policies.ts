/**
 * AWS managed policies scoped to what a service needs to deliver its own logs and traces, which aws-cdk-lib attaches
 * itself: a function writing its own logs (`AWSLambdaBasicExecutionRole`), managing its network interfaces in a VPC
 * (`AWSLambdaVPCAccessExecutionRole`) and sending traces (`AWSXRayDaemonWriteAccess`); the account-level role API
 * Gateway and AppSync push execution logs with (`AmazonAPIGatewayPushToCloudWatchLogs`, which `RestApi` attaches with
 * `cloudWatchRole: true`, and `AWSAppSyncPushToCloudWatchLogs`), which AWS documents as the policy that role needs.
 * Their `Resource: *` is what AWS requires for those actions (see `RequiredWildcardActions`) or is limited by the
 * service to its own log groups; reporting them on every app that logs would be noise, not an exposure.
 */
const FUNCTION_BASELINE = new Set([
  'awslambdabasicexecutionrole', 'awslambdavpcaccessexecutionrole', 'awsxraydaemonwriteaccess',
  'amazonapigatewaypushtocloudwatchlogs', 'awsappsyncpushtocloudwatchlogs',
]);

/** Recognises AWS managed policies by ARN. What they grant is judged by their documents (`PolicyAnalyzer`). */
export class AwsManagedPolicies {
  /**
   * The name of the AWS managed policy an ARN names: `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`
   * (with any partition, or a `${AWS::Partition}` placeholder) is `AWSLambdaBasicExecutionRole`.
   *
   * @returns the name, or undefined when the ARN is not an AWS managed policy (a customer policy, an unknown value)
   */
  public static nameOf(arn: string): string | undefined {
    const neutral = arn.trim().replace(/\$\{AWS::Partition\}/g, 'aws');
    const match = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(neutral);
    return match ? match[1] : undefined;
  }

  /** True for the policies every function needs (case-insensitive), which are never findings. */
  public static isFunctionBaseline(name: string): boolean {
    return FUNCTION_BASELINE.has(name.toLowerCase());
  }
}
