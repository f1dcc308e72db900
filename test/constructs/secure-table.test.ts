import { CfnParameter, Duration, RemovalPolicy, Stack, Validations, aws_dynamodb as dynamodb, aws_kms as kms, aws_lambda as lambda } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { codesOf, nagFindings, testApp } from './construct-test-helpers';
import { SecureFunction, SecureQueue, SecureTable, SecureTableProps, SecureTableStreamSource, SecureTableStreamSourceProps } from '../../src/constructs';
import { ReceivedTableProps } from '../../src/constructs/secure-table/validate';
import { ServerlessSecurityChecks } from '../../src/hosts';
import { dependencyCycles } from '../support/dependency-cycles';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const code = lambda.Code.fromInline('exports.handler = async () => ({});');
const fnProps = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };

function newStack(): Stack {
  const app = testApp();
  return new Stack(app, 'TestStack');
}

describe('secure defaults', () => {
  const stack = newStack();
  new SecureTable(stack, 'Orders', { partitionKey });
  const t = Template.fromStack(stack);

  test('one table and the stack key, nothing else', () => {
    expect(Object.values(t.toJSON().Resources).map((r: any) => r.Type).sort()).toEqual(['AWS::DynamoDB::Table', 'AWS::KMS::Key']);
  });

  test('customer-managed encryption with the stack key, PITR, deletion protection', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  test('retained on stack deletion and replacement', () => {
    t.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('configuration', () => {
  test('your own key, a PITR recovery period and a stream are honoured', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SecureTable(stack, 'T', {
      partitionKey,
      encryptionKey: key,
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 },
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: Match.objectLike({ KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } }),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  test('grantReadData gives read actions and kms:Decrypt only (no write, no wildcard)', () => {
    const stack = newStack();
    const table = new SecureTable(stack, 'T', { partitionKey });
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    table.grantReadData(fn);
    const policy = Object.entries(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('FnServiceRoleDefaultPolicy'))![1] as any;
    const actions: string[] = policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [].concat(s.Action));
    expect(actions.filter((a) => /Put|Update|Delete|Write|Encrypt|GenerateDataKey/.test(a))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    expect(policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Resource === '*')).toEqual([]);
  });
});

describe('bad input fails with its code', () => {
  // Props SecureTableProps leaves out are still read when JavaScript passes them.
  const cases: Array<[string, Partial<ReceivedTableProps>, string[]]> = [
    ['AWS-owned key', { encryption: dynamodb.TableEncryption.DEFAULT }, ['ST001']],
    ['AWS-managed key', { encryption: dynamodb.TableEncryption.AWS_MANAGED }, ['ST001']],
    ['PITR off (deprecated prop)', { pointInTimeRecovery: false }, ['ST002']],
    ['PITR off', { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }, ['ST002']],
    ['deletion protection off', { deletionProtection: false }, ['ST003']],
    ['replication option without replicas', { replicationTimeout: Duration.minutes(5) }, ['ST011']],
    ['removal DESTROY', { removalPolicy: RemovalPolicy.DESTROY }, ['ST004']],
    ['all at once', { encryption: dynamodb.TableEncryption.DEFAULT, deletionProtection: false, removalPolicy: RemovalPolicy.DESTROY }, ['ST001', 'ST003', 'ST004']],
  ];
  test.each(cases)('%s', (_name, props, expected) => {
    expect(codesOf(() => new SecureTable(newStack(), 'T', { partitionKey, ...props }))).toEqual(expected);
  });

  test('the message names path, prop and fix', () => {
    expect(() => new SecureTable(newStack(), 'T', { partitionKey, deletionProtection: false }))
      .toThrow(/\[ST003\] TestStack\/T: deletionProtection must not be false.*Remove `deletionProtection`/);
  });
});

describe('cdk-nag and our audit', () => {
  function tableStack(): Stack {
    const stack = newStack();
    const table = new SecureTable(stack, 'T', { partitionKey });
    table.grantReadData(new SecureFunction(stack, 'Fn', fnProps));
    return stack;
  }

  test('AwsSolutions and Serverless: zero findings (table + a reader)', () => {
    const stack = tableStack();
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
  });

  test('our audit: no unacknowledged error, and SLS-DYNAMODB-ENCRYPTION passes', () => {
    const findings = new ServerlessSecurityChecks().audit(tableStack());
    expect(findings.filter((f) => f.severity === 'error' && !f.acknowledged).map((f) => `${f.ruleId} @ ${f.constructPath}`)).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'SLS-DYNAMODB-ENCRYPTION')).toEqual([]);
  });
});

describe('stream consumer (SecureTableStreamSource)', () => {
  const filters = [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })];
  const justification = 'The projection must see every change of the table.';
  function streamStack(tableProps: Partial<SecureTableProps> = {}): { stack: Stack; table: SecureTable; fn: SecureFunction } {
    const stack = newStack();
    const table = new SecureTable(stack, 'T', { partitionKey, stream: dynamodb.StreamViewType.NEW_IMAGE, ...tableProps });
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    return { stack, table, fn };
  }
  function fnStatements(stack: Stack): any[] {
    return (Object.entries(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('FnServiceRoleDefaultPolicy'))![1] as any)
      .Properties.PolicyDocument.Statement;
  }

  test('addStreamConsumer: bisect, bounded retries and record age, batch item failures, on-failure queue, filters, LATEST', () => {
    const { stack, table, fn } = streamStack();
    const source = table.addStreamConsumer(fn, { filters });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^T[0-9A-F]'), 'StreamArn'] },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      MaximumRecordAgeInSeconds: 21600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TStreamFailureQueue'), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
    });
    expect(source.eventSourceMapping).toBeDefined();
    expect(table.streamFailureQueue).toBeDefined();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SLS-LAMBDA-EVENT-SOURCE-FILTER'))).toEqual([]);
  });

  test('the on-failure queue: the table key, TLS only, 14 days', () => {
    const { stack, table, fn } = streamStack();
    table.addStreamConsumer(fn, { filters });
    const t = Template.fromStack(stack);
    const queue = Object.entries(t.findResources('AWS::SQS::Queue')).find(([id]) => id.startsWith('TStreamFailureQueue'))![1] as any;
    expect(queue.Properties).toEqual({ KmsMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/SecureServerlessKey/), 'Arn'] }, MessageRetentionPeriod: 1209600 });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: Match.stringLikeRegexp('^TStreamFailureQueue') }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('permissions: exactly this stream, the failure queue and the key; no ListStreams, no "*"', () => {
    const { stack, table, fn } = streamStack();
    table.addStreamConsumer(fn, { filters });
    const keyArn = { 'Fn::GetAtt': [expect.stringMatching(/SecureServerlessKey/), 'Arn'] };
    expect(fnStatements(stack)).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^T[0-9A-F]/), 'StreamArn'] } },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^TStreamFailureQueue/), 'Arn'] } },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn },
    ]);
  });

  test('a table on your own key: the failure queue and the grants use it', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    const table = new SecureTable(stack, 'T', { partitionKey, encryptionKey: key, stream: dynamodb.StreamViewType.KEYS_ONLY });
    const fn = new SecureFunction(stack, 'Fn', { ...fnProps, encryptionKey: key });
    table.addStreamConsumer(fn, { filters });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } });
    expect(fnStatements(stack)).toContainEqual({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Own/), 'Arn'] } });
  });

  test('options are honoured; the class form works with fn.addEventSource', () => {
    const { stack, table, fn } = streamStack();
    fn.addEventSource(new SecureTableStreamSource(table, {
      filters,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(1),
      batchSize: 50,
      parallelizationFactor: 2,
      maxBatchingWindow: Duration.seconds(5),
    }));
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      BatchSize: 50,
      ParallelizationFactor: 2,
      MaximumBatchingWindowInSeconds: 5,
      BisectBatchOnFunctionError: true,
    });
  });

  test('one failure queue serves every consumer of the table', () => {
    const { stack, table, fn } = streamStack();
    table.addStreamConsumer(fn, { filters });
    table.addStreamConsumer(new SecureFunction(stack, 'Other', fnProps), { filters });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    expect(Object.keys(t.findResources('AWS::SQS::Queue')).filter((id) => id.startsWith('TStreamFailureQueue'))).toHaveLength(1);
  });

  test('an on-failure destination you pass is used, and no failure queue is created', () => {
    const { stack, table, fn } = streamStack();
    const own = new SecureQueue(stack, 'OwnDlq');
    table.addStreamConsumer(fn, { filters, onFailure: new SqsDlq(own) });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OwnDlq[0-9A-F]'), 'Arn'] } } },
    });
    expect(table.streamFailureQueue).toBeUndefined();
  });

  test('no filters and no justification: an acknowledgeable warning on the mapping', () => {
    const { stack, table, fn } = streamStack();
    table.addStreamConsumer(fn);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('receives every change'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].id).toMatch(/SecureTableStreamSource/);
  });

  test('unfilteredJustification is recorded as an acknowledgement of SLS-LAMBDA-EVENT-SOURCE-FILTER on the mapping', () => {
    const { stack, table, fn } = streamStack();
    table.addStreamConsumer(fn, { unfilteredJustification: justification });
    const audit = new ServerlessSecurityChecks().audit(stack).filter((f) => f.ruleId === 'SLS-LAMBDA-EVENT-SOURCE-FILTER');
    expect(audit).toEqual([expect.objectContaining({ acknowledged: true })]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('receives every change'))).toEqual([]);
  });

  test('an imported function without a role: a warning, no grant', () => {
    const { stack, table } = streamStack();
    const imported = lambda.Function.fromFunctionAttributes(stack, 'Imported', {
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:x', sameEnvironment: true,
    });
    table.addStreamConsumer(imported, { filters });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('imported without a role'))).toHaveLength(1);
  });

  describe('bad input fails with its code', () => {
    const cases: Array<[string, SecureTableStreamSourceProps, string[]]> = [
      ['short justification', { unfilteredJustification: 'n/a' }, ['ST006']],
      ['retries -1 (forever)', { retryAttempts: -1, filters }, ['ST007']],
      ['retries 2.5', { retryAttempts: 2.5, filters }, ['ST007']],
      ['retries 10001', { retryAttempts: 10_001, filters }, ['ST007']],
      ['record age 30 s', { maxRecordAge: Duration.seconds(30), filters }, ['ST008']],
      ['record age 2 days (past the stream retention)', { maxRecordAge: Duration.days(2), filters }, ['ST008']],
      ['AT_TIMESTAMP', { startingPosition: lambda.StartingPosition.AT_TIMESTAMP, filters }, ['ST009']],
      ['all at once', { retryAttempts: -1, maxRecordAge: Duration.days(2), unfilteredJustification: 'ok' }, ['ST007', 'ST008', 'ST006']],
    ];
    test.each(cases)('%s', (_name, options, expected) => {
      const { table, fn } = streamStack();
      expect(codesOf(() => table.addStreamConsumer(fn, options))).toEqual(expected);
    });

    test('a table without a stream is refused (ST005), with path, prop and fix', () => {
      const stack = newStack();
      const table = new SecureTable(stack, 'T', { partitionKey });
      const fn = new SecureFunction(stack, 'Fn', fnProps);
      expect(codesOf(() => table.addStreamConsumer(fn, { filters }))).toEqual(['ST005']);
      expect(() => table.addStreamConsumer(fn, { filters })).toThrow(/\[ST005\] TestStack\/T: stream must be set.*Set `stream: dynamodb.StreamViewType.NEW_IMAGE`/);
    });

    test('a token retry count is not range-checked at synth (cannot decide)', () => {
      // (a token maxRecordAge is skipped by our check too, but aws-cdk-lib's EventSourceMapping refuses it)
      const { stack, table, fn } = streamStack();
      const retries = new CfnParameter(stack, 'Retries', { type: 'Number' }).valueAsNumber;
      expect(() => table.addStreamConsumer(fn, { filters, retryAttempts: retries })).not.toThrow();
    });
  });

  describe('cdk-nag and our audit', () => {
    function consumerStack(): Stack {
      const { stack, table, fn } = streamStack();
      table.addStreamConsumer(fn, { filters });
      return stack;
    }

    test('aws-cdk-lib\'s DynamoEventSource: AwsSolutions-IAM5 for dynamodb:ListStreams on "*" (what this replaces)', () => {
      const { stack, table, fn } = streamStack();
      fn.addEventSource(new DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST, filters }));
      expect(nagFindings(new AwsSolutionsChecks(), stack)).toContain('AwsSolutions-IAM5[Resource::*] @ TestStack/Fn/ServiceRole/DefaultPolicy/Resource');
    });

    test('AwsSolutions and Serverless: zero findings (table, stream consumer, failure queue)', () => {
      const stack = consumerStack();
      expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
      expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
    });

    test('our audit: no unacknowledged error, and the event-source, SQS and IAM rules pass', () => {
      const stack = consumerStack();
      const findings = new ServerlessSecurityChecks().audit(stack);
      expect(findings.filter((f) => f.severity === 'error' && !f.acknowledged).map((f) => `${f.ruleId} @ ${f.constructPath}`)).toEqual([]);
      for (const rule of ['SLS-LAMBDA-EVENT-SOURCE-FAILURE', 'SLS-LAMBDA-EVENT-SOURCE-FILTER', 'SLS-SQS-ENCRYPTION', 'SLS-SQS-TLS-ONLY',
        'SLS-IAM-WILDCARD-RESOURCE', 'SLS-IAM-WILDCARD-ACTION']) {
        expect([rule, findings.filter((f) => f.ruleId === rule)]).toEqual([rule, []]);
      }
    });

    test('the only acknowledgements are SQS3 and SQSRedrivePolicy on the failure queue', () => {
      const stack = consumerStack();
      const table = stack.node.findChild('T');
      const mapping = stack.node.findAll().filter((c) => c.node.path.includes('SecureTableStreamSource'));
      const acked = [...table.node.findAll(), ...mapping].flatMap((c) => c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .map((m) => `${c.node.path} ${JSON.stringify(m.data)}`));
      expect(acked).toEqual([
        expect.stringMatching(/^TestStack\/T\/StreamFailureQueue\/Resource .*AwsSolutions-SQS3/),
        expect.stringMatching(/^TestStack\/T\/StreamFailureQueue\/Resource .*Serverless-SQSRedrivePolicy/),
      ]);
    });

    test('no dependency cycle, also with the table and the consumer in different stacks', () => {
      expect(dependencyCycles(Template.fromStack(consumerStack()).toJSON())).toEqual([]);
      const app = testApp();
      const data = new Stack(app, 'Data');
      const compute = new Stack(app, 'Compute');
      const table = new SecureTable(data, 'T', { partitionKey, stream: dynamodb.StreamViewType.NEW_IMAGE });
      table.addStreamConsumer(new SecureFunction(compute, 'Fn', fnProps), { filters });
      for (const stack of app.synth().stacks) {
        expect([stack.stackName, dependencyCycles(stack.template)]).toEqual([stack.stackName, []]);
      }
    });
  });
});
