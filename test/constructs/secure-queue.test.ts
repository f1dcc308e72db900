import { CfnParameter, Duration, Stack, Validations, aws_kms as kms, aws_lambda as lambda, aws_sqs as sqs } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { codesOf, errorOf, nagFindings, unacknowledgedAuditErrors, auditFindings, testApp } from './construct-test-helpers';
import { SecureFunction, SecureQueue, SecureQueueEventSource, SecureQueueProps } from '../../src/constructs';

const code = lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });');
const fnProps = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };

function newStack(): Stack {
  const app = testApp();
  return new Stack(app, 'TestStack');
}

describe('secure defaults', () => {
  const stack = newStack();
  new SecureQueue(stack, 'Orders');
  const t = Template.fromStack(stack);
  const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] };

  test('two queues (queue + DLQ), two TLS-only policies, one stack key', () => {
    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.resourceCountIs('AWS::SQS::QueuePolicy', 2);
    t.resourceCountIs('AWS::KMS::Key', 1);
    expect(Object.keys(t.toJSON().Resources)).toHaveLength(5);
  });

  test('queue: stack key, explicit 4-day retention, 60 s visibility, redrive to the DLQ after 3 receives', () => {
    t.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: keyArn,
      MessageRetentionPeriod: 345600,
      VisibilityTimeout: 60,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('OrdersDeadLetterQueue'), 'Arn'] }, maxReceiveCount: 3 },
    });
  });

  test('dead-letter queue: stack key, 14-day retention, no redrive of its own', () => {
    const dlq = Object.entries(t.findResources('AWS::SQS::Queue')).find(([id]) => id.startsWith('OrdersDeadLetterQueue'))![1] as any;
    expect(dlq.Properties).toEqual({ KmsMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/SecureServerlessKey/), 'Arn'] }, MessageRetentionPeriod: 1209600 });
  });

  test('both queues deny every sqs action without TLS', () => {
    const policies = Object.values(t.findResources('AWS::SQS::QueuePolicy')) as any[];
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual([expect.objectContaining({
        Effect: 'Deny', Action: 'sqs:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      })]);
    }
  });

  test('removal policy stays sqs.Queue\'s default (Delete): messages are transient, documented in the README', () => {
    t.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Delete' });
  });
});

describe('configuration', () => {
  test('maxReceiveCount, retention, visibility and FIFO are honoured (the DLQ is FIFO too)', () => {
    const stack = newStack();
    new SecureQueue(stack, 'Q', { maxReceiveCount: 5, retentionPeriod: Duration.days(7), visibilityTimeout: Duration.minutes(5), fifo: true });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, MessageRetentionPeriod: 604800, VisibilityTimeout: 300, RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) });
    t.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, MessageRetentionPeriod: 1209600, RedrivePolicy: Match.absent() });
  });

  test('a customer key you pass encrypts queue and DLQ, and no stack key is created', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SecureQueue(stack, 'Q', { encryptionMasterKey: key });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    expect(Object.values(t.findResources('AWS::SQS::Queue')).map((q: any) => q.Properties.KmsMasterKeyId))
      .toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^Own/), 'Arn'] }, { 'Fn::GetAtt': [expect.stringMatching(/^Own/), 'Arn'] }]);
  });

  test('a dead-letter queue you pass is used (no second DLQ)', () => {
    const stack = newStack();
    const dlq = new SecureQueue(stack, 'Shared');
    new SecureQueue(stack, 'Q', { deadLetterQueue: { queue: dlq, maxReceiveCount: 7 } });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SQS::Queue', 3); // Shared, its DLQ, Q
    t.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shared[0-9A-F]'), 'Arn'] }, maxReceiveCount: 7 } });
  });
});

describe('bad input fails with its code', () => {
  const cases: Array<[string, Partial<SecureQueueProps>, string[]]> = [
    ['SQS-managed encryption', { encryption: sqs.QueueEncryption.SQS_MANAGED }, ['SQ001']],
    ['AWS-managed key', { encryption: sqs.QueueEncryption.KMS_MANAGED }, ['SQ001']],
    ['unencrypted', { encryption: sqs.QueueEncryption.UNENCRYPTED }, ['SQ001']],
    ['TLS not enforced', { enforceSSL: false }, ['SQ002']],
    ['maxReceiveCount 0', { maxReceiveCount: 0 }, ['SQ003']],
    ['maxReceiveCount 1001', { maxReceiveCount: 1001 }, ['SQ003']],
    ['maxReceiveCount 2.5', { maxReceiveCount: 2.5 }, ['SQ003']],
    ['retention 30 s', { retentionPeriod: Duration.seconds(30) }, ['SQ004']],
    ['retention 15 days', { retentionPeriod: Duration.days(15) }, ['SQ004']],
    ['visibility 13 h', { visibilityTimeout: Duration.hours(13) }, ['SQ005']],
  ];
  test.each(cases)('%s', (_name, props, expected) => {
    expect(codesOf(() => new SecureQueue(newStack(), 'Q', props))).toEqual(expected);
  });

  test('maxReceiveCount next to deadLetterQueue is refused, and the passed count is range-checked', () => {
    const stack = newStack();
    const dlq = new SecureQueue(stack, 'D');
    expect(codesOf(() => new SecureQueue(stack, 'Q', { deadLetterQueue: { queue: dlq, maxReceiveCount: 2000 }, maxReceiveCount: 3 })))
      .toEqual(['SQ008', 'SQ003']);
  });

  test('every problem is reported at once, with path, prop and fix', () => {
    const e = errorOf(() => new SecureQueue(newStack(), 'Q', { enforceSSL: false, maxReceiveCount: 0 }));
    expect(e.problems).toHaveLength(2);
    expect(e.message).toContain('[SQ002] TestStack/Q: enforceSSL must not be false');
    expect(e.message).toContain('[SQ003] TestStack/Q: maxReceiveCount must be an integer between 1 and 1000 but was 0');
  });

  test('a token value is not range-checked at synth (cannot decide)', () => {
    const stack = newStack();
    const count = new CfnParameter(stack, 'Count', { type: 'Number' }).valueAsNumber;
    expect(() => new SecureQueue(stack, 'Q', { maxReceiveCount: count })).not.toThrow();
  });
});

describe('consumer (SecureQueueEventSource)', () => {
  test('addConsumer: batch failure reporting, filters, least-privilege consume grant with decrypt', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    const source = queue.addConsumer(fn, { filters: [lambda.FilterCriteria.filter({ body: { type: lambda.FilterRule.isEqual('order') } })], batchSize: 5 });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Q[0-9A-F]'), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"type":["order"]}}' }] },
    });
    expect(source.eventSourceMapping).toBeDefined();
    const statements = (Object.entries(t.findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('FnServiceRoleDefaultPolicy'))![1] as any)
      .Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Action: expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']), Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Q[0-9A-F]/), 'Arn'] } }),
      expect.objectContaining({ Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [expect.stringMatching(/SecureServerlessKey/), 'Arn'] } }),
    ]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SLS-LAMBDA-EVENT-SOURCE-FILTER'))).toEqual([]);
  });

  test('the class form works with fn.addEventSource', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    fn.addEventSource(new SecureQueueEventSource(queue, { unfilteredJustification: 'The function accepts every message shape by design.' }));
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  });

  test('no filters and no justification: an acknowledgeable warning on the mapping', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    queue.addConsumer(fn);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('receives every message'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toMatch(/SecureQueueEventSource/);
  });

  test('unfilteredJustification is recorded as an acknowledgement of SLS-LAMBDA-EVENT-SOURCE-FILTER on the mapping', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    queue.addConsumer(new SecureFunction(stack, 'Fn', fnProps), { unfilteredJustification: 'The function accepts every message shape by design.' });
    const filterFindings = auditFindings(stack, 'SLS-LAMBDA-EVENT-SOURCE-FILTER');
    expect(filterFindings).toEqual([expect.objectContaining({ acknowledged: true })]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('receives every message'))).toEqual([]);
  });

  test('a short justification is refused (SQ007)', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    expect(codesOf(() => queue.addConsumer(new SecureFunction(stack, 'Fn', fnProps), { unfilteredJustification: 'n/a' }))).toEqual(['SQ007']);
  });

  test('visibility timeout below 6 x the function timeout is refused (SQ006) with path, prop and fix', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q', { visibilityTimeout: Duration.seconds(30) });
    const fn = new SecureFunction(stack, 'Fn', { ...fnProps, timeout: Duration.seconds(10) });
    const e = errorOf(() => queue.addConsumer(fn, { unfilteredJustification: 'The function accepts every message shape by design.' }));
    expect(e.problems.map((p: any) => p.code)).toEqual(['SQ006']);
    expect(e.message).toContain('[SQ006] TestStack/Q: visibilityTimeout must be at least 60 seconds (6 x the 10 s timeout of TestStack/Fn) but was 30 seconds');
    expect(e.message).toContain('Set `visibilityTimeout: Duration.seconds(60)`');
  });

  test('the batching window adds to the required visibility timeout', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q'); // 60 s
    const fn = new SecureFunction(stack, 'Fn', { ...fnProps, timeout: Duration.seconds(10) });
    expect(codesOf(() => queue.addConsumer(fn, { maxBatchingWindow: Duration.seconds(5), filters: [{ body: { a: [1] } }] }))).toEqual(['SQ006']);
  });

  test('the default visibility timeout fits the default SecureFunction timeout', () => {
    const stack = newStack();
    expect(() => new SecureQueue(stack, 'Q').addConsumer(new SecureFunction(stack, 'Fn', fnProps), { filters: [{ body: { a: [1] } }] })).not.toThrow();
  });

  test('a token timeout cannot be decided: a warning, not a pass', () => {
    const stack = newStack();
    const seconds = new CfnParameter(stack, 'Visibility', { type: 'Number' }).valueAsNumber;
    const queue = new SecureQueue(stack, 'Q', { visibilityTimeout: Duration.seconds(seconds) });
    queue.addConsumer(new SecureFunction(stack, 'Fn', fnProps), { filters: [{ body: { a: [1] } }] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('only known at deploy time'))).toHaveLength(1);
  });

  test('an imported function cannot be checked: a warning', () => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    const imported = lambda.Function.fromFunctionAttributes(stack, 'Imported', {
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:x', sameEnvironment: true,
    });
    queue.addConsumer(imported, { filters: [{ body: { a: [1] } }] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('timeout of TestStack/Imported is not known'))).toHaveLength(1);
  });
});

describe('cdk-nag and our audit', () => {
  function consumerStack(): Stack {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    queue.addConsumer(fn, { filters: [lambda.FilterCriteria.filter({ body: { type: lambda.FilterRule.isEqual('order') } })] });
    return stack;
  }

  test('AwsSolutions and Serverless: zero findings (queue, DLQ, consumer)', () => {
    const stack = consumerStack();
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
  });

  test('our audit: no unacknowledged error, and the SQS and event-source rules pass', () => {
    const stack = consumerStack();
    expect(unacknowledgedAuditErrors(stack)).toEqual([]);
    for (const rule of ['SLS-SQS-ENCRYPTION', 'SLS-SQS-TLS-ONLY', 'SLS-SQS-POLICY-PUBLIC', 'SLS-LAMBDA-EVENT-SOURCE-FILTER', 'SLS-LAMBDA-EVENT-SOURCE-FAILURE']) {
      expect([rule, auditFindings(stack, rule)]).toEqual([rule, []]);
    }
  });

  test('the DLQ acknowledgements are on exactly the DLQ', () => {
    const stack = newStack();
    new SecureQueue(stack, 'Q');
    const acked = stack.node.findAll().filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acked.map((c) => c.node.path)).toEqual(['TestStack/QDeadLetterQueue/Resource']);
  });

  test('the mapping acknowledges only Serverless-LambdaEventSourceMappingDestination (SQS mappings take no destination)', () => {
    const stack = consumerStack();
    const acked = stack.node.findAll().filter((c) => c.node.path.includes('SecureQueueEventSource'))
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => JSON.stringify(m.data)));
    expect(acked).toHaveLength(1);
    expect(acked[0]).toContain('Serverless-LambdaEventSourceMappingDestination');
  });
});
