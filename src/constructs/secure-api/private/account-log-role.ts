import { RemovalPolicy, Stack, aws_apigateway as apigateway, aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

const ID = 'SecureApiGatewayAccountLogRole';

/**
 * The role API Gateway uses to write execution and access logs, set on the account (`AWS::ApiGateway::Account`),
 * once per stack and shared by every `SecureApi` in it.
 *
 * aws-cdk-lib's `cloudWatchRole: true` attaches the AWS-managed `AmazonAPIGatewayPushToCloudWatchLogs` policy
 * (create any log group, write any log stream in the account). This role instead has one inline policy listing only
 * the log groups of the stack's SecureApis, with only the write actions. The log groups are created by the
 * construct, so API Gateway never needs `logs:CreateLogGroup`.
 *
 * The setting is per account and region: the last stack deployed with such a role wins. With SecureApis in several
 * stacks of one account and region, set `manageAccountLogRole: false` and manage the account role once (see README).
 */
export class AccountLogRole extends Construct {
  /** The role of the stack of `scope`, created on first use. */
  public static of(scope: IConstruct): AccountLogRole {
    const stack = Stack.of(scope);
    return (stack.node.tryFindChild(ID) as AccountLogRole | undefined) ?? new AccountLogRole(stack, ID);
  }

  /** The account setting; stages must be deployed after it. */
  public readonly account: apigateway.CfnAccount;
  private readonly policy = new iam.PolicyDocument();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway account role: writes the execution and access logs of the SecureApis of this stack only (cdk-secure-serverless)',
      // The policy document is rendered at synth, so log groups added by later SecureApis appear in it.
      inlinePolicies: { WriteSecureApiLogs: this.policy },
    });
    this.account = new apigateway.CfnAccount(this, 'Account', { cloudWatchRoleArn: role.roleArn });
    // Deleting the stack must not unset the account's logging role (other APIs may log through it).
    this.account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }

  /** Allow API Gateway to write to these log groups. */
  public allowWriteTo(...logGroups: logs.ILogGroup[]): void {
    this.policy.addStatements(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      // `logGroupArn` ends in `:*`, which covers the group's log streams and nothing else.
      resources: logGroups.map((g) => g.logGroupArn),
    }));
  }
}
