/**
 * AWS managed policies scoped to what every function needs, which aws-cdk-lib attaches itself: writing its own logs
 * (`AWSLambdaBasicExecutionRole`), managing its network interfaces in a VPC (`AWSLambdaVPCAccessExecutionRole`) and
 * sending traces (`AWSXRayDaemonWriteAccess`). Their `Resource: *` is what AWS requires for those actions (see
 * `RequiredWildcardActions`) or is limited to the function's own log streams by Lambda; reporting them on every
 * function would be noise.
 */
const FUNCTION_BASELINE = new Set(['awslambdabasicexecutionrole', 'awslambdavpcaccessexecutionrole', 'awsxraydaemonwriteaccess']);

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
