import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaAsyncFailureRule } from '../../../src/rules/lambda/async-failure';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, summary } from './lambda-test-helpers';

const rule = new LambdaAsyncFailureRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

/** Findings on the function with this construct id only (other functions of the scenario are not the subject). */
function findingsOn(stack: Stack, id = 'Fn') {
  return checkRule(rule, stack).filter((r) => r.logicalId.startsWith(id));
}

/** An S3 bucket that notifies the function: the usual asynchronous invoker. */
function notifyFrom(stack: Stack, fn: lambda.IFunction) {
  new s3.Bucket(stack, 'Uploads').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn));
}

describe('SLS-LAMBDA-ASYNC-FAILURE', () => {
  describe('invoked asynchronously, with failure handling: compliant', () => {
    test.each<[string, (s: Stack) => void]>([
      ['a dead-letter queue', (s) => notifyFrom(s, newFunction(s, 'Fn', { deadLetterQueue: new sqs.Queue(s, 'Dlq') }))],
      ['an on-failure destination', (s) => notifyFrom(s, newFunction(s, 'Fn', { onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Failed')) }))],
      ['an on-failure destination on the alias the bucket notifies', (s) => {
        const alias = new lambda.Alias(s, 'Live', { aliasName: 'live', version: newFunction(s).currentVersion, onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Failed')) });
        notifyFrom(s, alias);
      }],
      ['an L1 invoke config naming the function literally', (s) => {
        const fn = newCfnFunction(s, 'Fn', { functionName: 'orders' });
        new lambda.CfnPermission(s, 'FromSns', { action: 'lambda:InvokeFunction', functionName: fn.ref, principal: 'sns.amazonaws.com', sourceArn: 'arn:aws:sns:eu-west-1:111122223333:t' });
        new lambda.CfnEventInvokeConfig(s, 'Invoke', { functionName: 'orders', qualifier: '$LATEST', destinationConfig: { onFailure: { destination: 'arn:aws:sqs:eu-west-1:111122223333:failed' } } });
      }],
      ['a dead-letter target imported from another stack (set, whatever it is)', (s) => {
        const fn = newCfnFunction(s, 'Fn', { deadLetterConfig: { targetArn: Fn.importValue('SharedDlqArn') } });
        new lambda.CfnPermission(s, 'FromS3', { action: 'lambda:InvokeFunction', functionName: fn.ref, principal: 's3.amazonaws.com', sourceAccount: '111122223333' });
      }],
    ])('%s', (_name, build) => {
      const stack = newStack();
      build(stack);
      expect(findingsOn(stack)).toEqual([]);
    });
  });

  describe('invoked only synchronously, or not at all: not applicable (the false-positive class of #17.3)', () => {
    test.each<[string, (s: Stack) => void]>([
      ['no invoker in the template', (s) => newFunction(s)],
      ['a REST API Lambda proxy', (s) => new apigateway.RestApi(s, 'Api').root.addMethod('GET', new apigateway.LambdaIntegration(newFunction(s)))],
      ['a function URL', (s) => newFunction(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM })],
      ['an SQS event source mapping (a synchronous poller)', (s) => newFunction(s).addEventSource(new eventSources.SqsEventSource(new sqs.Queue(s, 'Jobs')))],
      ['a Step Functions task (RequestResponse, the default)', (s) => new sfn.StateMachine(s, 'M', {
        definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'Invoke', { lambdaFunction: newFunction(s) })),
      })],
      ['a grant to a role (no service invokes it asynchronously)', (s) => newFunction(s).grantInvoke(new iam.Role(s, 'Caller', { assumedBy: new iam.AccountRootPrincipal() }))],
    ])('%s', (_name, build) => {
      const stack = newStack();
      build(stack);
      expect(findingsOn(stack)).toEqual([]);
    });
  });

  describe('invoked asynchronously without failure handling: non-compliant, naming the invoker', () => {
    test.each<[string, (s: Stack) => void, RegExp]>([
      ['S3 bucket notifications', (s) => notifyFrom(s, newFunction(s)), /S3 bucket Uploads\w* \(notifications\)/],
      ['an SNS subscription', (s) => new sns.Topic(s, 'Topic').addSubscription(new subscriptions.LambdaSubscription(newFunction(s))), /SNS subscription/],
      ['an EventBridge rule', (s) => new events.Rule(s, 'Rule', { eventPattern: { source: ['my.app'] }, targets: [new targets.LambdaFunction(newFunction(s))] }), /EventBridge rule Rule\w*/],
      ['a CloudWatch Logs subscription filter', (s) => new logs.SubscriptionFilter(s, 'Sub', {
        logGroup: new logs.LogGroup(s, 'Group'), destination: new logsDestinations.LambdaDestination(newFunction(s)), filterPattern: logs.FilterPattern.allEvents(),
      }), /CloudWatch Logs|log subscription filter/],
      ['a Step Functions task with InvocationType Event', (s) => new sfn.StateMachine(s, 'M', {
        definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'Invoke', { lambdaFunction: newFunction(s), invocationType: tasks.LambdaInvocationType.EVENT })),
      }), /state machine M\w* \(InvocationType Event\)/],
      ['another function\'s on-success destination', (s) => newFunction(s, 'Producer', { onSuccess: new destinations.LambdaDestination(newFunction(s)) }), /a destination of function Producer/],
      ['an L1 permission for S3 (raw JSON)', (s) => new lambda.CfnPermission(s, 'FromS3', {
        action: 'lambda:InvokeFunction', functionName: newCfnFunction(s, 'Fn').attrArn, principal: 's3.amazonaws.com', sourceAccount: '111122223333',
      }), /S3 \(permission FromS3\)/],
    ])('%s', (_name, build, invoker) => {
      const stack = newStack();
      build(stack);
      const results = findingsOn(stack);
      expect(summary(results)).toEqual([{ kind: V }]);
      expect(results[0].detail).toMatch(/^The function is invoked asynchronously \(by .*\) and has neither a dead-letter queue nor an on-failure destination/);
      expect(results[0].detail).toMatch(invoker);
    });

    test('an on-success destination only does not count', () => {
      const stack = newStack();
      notifyFrom(stack, newFunction(stack, 'Fn', { onSuccess: new destinations.SqsDestination(new sqs.Queue(stack, 'Done')) }));
      expect(summary(findingsOn(stack))).toEqual([{ kind: V }]);
    });
  });

  test('Lambda@Edge functions (which cannot have a dead-letter queue) are not judged', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    new events.Rule(stack, 'Rule', { eventPattern: { source: ['my.app'] }, targets: [new targets.LambdaFunction(fn)] });
    new cloudfront.Distribution(stack, 'Site', {
      defaultBehavior: {
        origin: new origins.HttpOrigin('example.com'),
        edgeLambdas: [{ functionVersion: fn.currentVersion, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST }],
      },
    });
    expect(findingsOn(stack)).toEqual([]);
  });

  test('token: a permission whose principal is unknown is undecidable', () => {
    const stack = newStack();
    const fn = newCfnFunction(stack, 'Fn');
    new lambda.CfnPermission(stack, 'FromParam', { action: 'lambda:InvokeFunction', functionName: fn.ref, principal: new CfnParameter(stack, 'Invoker').valueAsString });
    const results = findingsOn(stack);
    expect(summary(results)).toEqual([{ kind: U }]);
    expect(results[0].detail).toMatch(/parameter Invoker/);
  });

  test('raw override: removing the dead-letter config of a notified function is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { deadLetterQueue: new sqs.Queue(stack, 'Dlq') });
    notifyFrom(stack, fn);
    cfnOf(fn).addPropertyDeletionOverride('DeadLetterConfig');
    expect(summary(findingsOn(stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding a dead-letter target fixes it', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    notifyFrom(stack, fn);
    cfnOf(fn).addPropertyOverride('DeadLetterConfig.TargetArn', new sqs.Queue(stack, 'Dlq').queueArn);
    expect(findingsOn(stack)).toEqual([]);
  });
});
