/**
 * The statements of the AWS-managed policies that aws-cdk-lib attaches to function roles, so effective permissions
 * show what they grant. Copied from the AWS Managed Policy Reference; other AWS-managed policies are listed by name
 * only. Only the Allow statements matter here.
 */
const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const ENI = ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'];

export const AWS_MANAGED_POLICY_ACTIONS: { [name: string]: string[] } = {
  AWSLambdaBasicExecutionRole: LOGS,
  AWSLambdaVPCAccessExecutionRole: [...LOGS, ...ENI],
  AWSXRayDaemonWriteAccess: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules',
    'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
  AWSLambdaSQSQueueExecutionRole: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', ...LOGS],
  AWSLambdaDynamoDBExecutionRole: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator',
    'dynamodb:ListStreams', ...LOGS],
  AWSLambdaKinesisExecutionRole: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords',
    'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', ...LOGS],
  AdministratorAccess: ['*'],
};
