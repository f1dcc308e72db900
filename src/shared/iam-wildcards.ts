/** A group of IAM actions that AWS only authorises on `Resource: *`. */
export interface RequiredWildcardGroup {
  /** A short id for the group (`xray-write`, `vpc-eni`). */
  readonly id: string;
  /** The actions, exactly as they appear in a policy. */
  readonly actions: string[];
  /** Why `Resource: *` is unavoidable, with the AWS documentation that says so. */
  readonly justification: string;
}

const XRAY: RequiredWildcardGroup = {
  id: 'xray-write',
  actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  justification:
    'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions, so AWS requires '
    + 'Resource "*" (Service Authorization Reference, AWS X-Ray: these actions list no resource types). They only '
    + 'write trace data; they can neither read nor delete anything.',
};

const VPC_ENI: RequiredWildcardGroup = {
  id: 'vpc-eni',
  actions: [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeNetworkInterfaces',
    'ec2:DescribeSubnets',
    'ec2:DeleteNetworkInterface',
    'ec2:AssignPrivateIpAddresses',
    'ec2:UnassignPrivateIpAddresses',
  ],
  justification:
    'A function attached to a VPC needs to manage its elastic network interfaces; the Describe actions do not '
    + 'support resource-level permissions and the ENI ids are not known before Lambda creates them, so the AWS-managed '
    + 'AWSLambdaVPCAccessExecutionRole grants these actions on Resource "*" too (Lambda developer guide, '
    + '"Execution role and user permissions" for VPC access).',
};

/**
 * The IAM actions that AWS only authorises on `Resource: *`, with the reason, kept in one place: `SecureFunction`
 * grants them (and acknowledges cdk-nag's wildcard findings with these reasons), and the audit's wildcard rule
 * exempts exactly these actions.
 */
export class RequiredWildcardActions {
  /** X-Ray trace upload (needed for active tracing). */
  public static xray(): RequiredWildcardGroup {
    return { ...XRAY, actions: [...XRAY.actions] };
  }

  /** Elastic network interface management (needed for a function attached to a VPC). */
  public static vpcNetworkInterfaces(): RequiredWildcardGroup {
    return { ...VPC_ENI, actions: [...VPC_ENI.actions] };
  }

  /** Every group. */
  public static all(): RequiredWildcardGroup[] {
    return [RequiredWildcardActions.xray(), RequiredWildcardActions.vpcNetworkInterfaces()];
  }

  /**
   * Whether an action (case-insensitive, no wildcards) is one AWS only authorises on `Resource: *`.
   */
  public static isRequired(action: string): boolean {
    return RequiredWildcardActions.justificationFor(action) !== undefined;
  }

  /**
   * The justification for granting `action` on `Resource: *`.
   *
   * @returns the justification, or undefined when `Resource: *` is not required for this action
   */
  public static justificationFor(action: string): string | undefined {
    const a = action.toLowerCase();
    for (const g of [XRAY, VPC_ENI]) {
      if (g.actions.some((x) => x.toLowerCase() === a)) {
        return g.justification;
      }
    }
    return undefined;
  }
}
