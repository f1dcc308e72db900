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

const LOG_DELIVERY: RequiredWildcardGroup = {
  id: 'logs-delivery',
  actions: [
    'logs:CreateLogDelivery',
    'logs:GetLogDelivery',
    'logs:UpdateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:DescribeResourcePolicies',
    'logs:DescribeLogGroups',
  ],
  justification:
    'Services that deliver logs on the customer\'s behalf (Step Functions execution logs, API Gateway HTTP API access '
    + 'logs) need these CloudWatch Logs actions, which list no resource type in the Service Authorization Reference, '
    + 'on Resource "*" (Step Functions developer guide, "IAM policies for logging to CloudWatch Logs"); aws-cdk-lib '
    + 'grants exactly this set to the role of a state machine that logs. The log group itself is named in the '
    + 'logging configuration, not in the policy.',
};

const GROUPS = [XRAY, VPC_ENI, LOG_DELIVERY];

/**
 * The IAM actions that AWS only authorises on `Resource: *`, with the reason, kept in one place: `SecureFunction`
 * grants them (and acknowledges cdk-nag's wildcard findings with these reasons), and the least-privilege analysis
 * (`PolicyAnalyzer`, and through it SLS-IAM-WILDCARD-RESOURCE) does not report them on `Resource: *`. Actions the IAM
 * catalogue already marks as unscopable need no entry; list here those it does not (or that a construct grants).
 */
export class RequiredWildcardActions {
  /** X-Ray trace upload (needed for active tracing). */
  public static xray(): RequiredWildcardGroup {
    return copy(XRAY);
  }

  /** Elastic network interface management (needed for a function attached to a VPC). */
  public static vpcNetworkInterfaces(): RequiredWildcardGroup {
    return copy(VPC_ENI);
  }

  /** CloudWatch Logs vended log delivery (needed by a state machine or an HTTP API that writes logs). */
  public static logDelivery(): RequiredWildcardGroup {
    return copy(LOG_DELIVERY);
  }

  /** Every group. */
  public static all(): RequiredWildcardGroup[] {
    return GROUPS.map(copy);
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
    for (const g of GROUPS) {
      if (g.actions.some((x) => x.toLowerCase() === a)) {
        return g.justification;
      }
    }
    return undefined;
  }
}

function copy(group: RequiredWildcardGroup): RequiredWildcardGroup {
  return { ...group, actions: [...group.actions] };
}
