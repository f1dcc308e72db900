import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  App, CfnParameter, Duration, RemovalPolicy, SecretValue, Stack, Tags,
  aws_apigateway as apigw, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as cwActions, aws_dynamodb as dynamodb, aws_ec2 as ec2,
  aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_lambda_destinations as destinations,
  aws_lambda_event_sources as sources, aws_logs as logs,
  aws_secretsmanager as secretsmanager, aws_signer as signer, aws_sns as sns, aws_sqs as sqs, aws_ssm as ssm,
  Validations,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { testApp } from './construct-test-helpers';
import { BaselinePolicyKind, FunctionSecret, SecureFunction, SecureFunctionProps, StackKey } from '../../src/constructs';
import { ReceivedFunctionProps } from '../../src/constructs/secure-function/validate';
import { dependencyCycles } from '../support/dependency-cycles';
import { tempDir } from '../support/temp-dirs';

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const base = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };

function newStack(env?: { account: string; region: string }): Stack {
  return new Stack(testApp(), 'TestStack', { env });
}
function fnIn(stack: Stack, props: Partial<SecureFunctionProps> = {}, id = 'Fn'): SecureFunction {
  return new SecureFunction(stack, id, { ...base, ...props } as SecureFunctionProps);
}
function findings(pack: NagPack, scope: IConstruct): string[] {
  return pack.validateScope(scope).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
}

describe('secure defaults', () => {
  const stack = newStack();
  const fn = fnIn(stack);
  const t = Template.fromStack(stack);

  test('function: arm64, explicit timeout/memory, X-Ray active, recursive loop terminate, JSON logs, CMK env encryption', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      Timeout: 10,
      MemorySize: 512,
      TracingConfig: { Mode: 'Active' },
      RecursiveLoop: 'Terminate',
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: { Ref: Match.stringLikeRegexp('FnLogGroup') } },
      KmsKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureFunctionFailuresQueue'), 'Arn'] } },
      Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'Fn', POWERTOOLS_LOG_LEVEL: 'INFO' } },
    });
  });

  test('one stack key with rotation, usable by CloudWatch Logs of this account only', () => {
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
        })]),
      },
    });
  });

  test('log group: one year retention, encrypted with the stack key', () => {
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] },
    });
  });

  test('role: dedicated, no AWS-managed policies, logs only on its own log group, shared X-Ray and failure-queue policies', () => {
    const roles = t.findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(1);
    const role = Object.values(roles)[0] as any;
    expect(role.Properties.ManagedPolicyArns).toEqual([
      { Ref: expect.stringMatching(/^SecureFunctionFailuresSendPolicy/) },
      { Ref: expect.stringMatching(/^SecureFunctionXRayWrite/) },
    ]);
    expect(role.Properties.Policies[0].PolicyDocument.Statement).toEqual([expect.objectContaining({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': [expect.stringMatching(/FnLogGroup/), 'Arn'] },
    })]);
    t.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('shared policies: * only for X-Ray; the failure queue and its key named exactly', () => {
    const policies = Object.entries(t.findResources('AWS::IAM::ManagedPolicy')) as Array<[string, any]>;
    expect(policies).toHaveLength(2);
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    expect(statements.filter((s: any) => s.Resource === '*')).toEqual([
      expect.objectContaining({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] }),
    ]);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [expect.stringMatching(/SecureFunctionFailuresQueue/), 'Arn'] } }),
      expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/SecureServerlessKey/), 'Arn'] } }),
    ]));
  });

  test('async: explicit retries and event age, on-failure destination = the stack\'s encrypted TLS-only failure queue', () => {
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 21600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureFunctionFailuresQueue'), 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] },
      MessageRetentionPeriod: 1209600,
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    expect(fn.deadLetterQueue).toBe(fn.secureDeadLetterQueue);
  });

  test('one health alarm (errors + throttles + duration near the timeout); warning when no action', () => {
    expect(Object.keys(t.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: Match.absent() } }))).toHaveLength(1);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(errors, 0) + FILL(throttles, 0) + IF(FILL(duration, 0) >= 9000, 1, 0)' })]),
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('SLS-LAMBDA-ALARMS'));
  });

  test('budget: 5 resources per function; key, failure queue, its alarm and shared policies once per stack', () => {
    const s = newStack();
    for (let i = 0; i < 5; i++) fnIn(s, {}, `F${i}`).grantInvoke(new iam.AccountRootPrincipal());
    const resources = Object.values(Template.fromStack(s).toJSON().Resources) as any[];
    const shared = ['AWS::KMS::Key', 'AWS::SQS::Queue', 'AWS::SQS::QueuePolicy', 'AWS::IAM::ManagedPolicy'];
    const queueAlarm = (r: any) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.Namespace === 'AWS/SQS';
    const perFn = resources.filter((r) => !shared.includes(r.Type) && !queueAlarm(r) && r.Type !== 'AWS::Lambda::Permission').length / 5;
    expect(perFn).toBe(5);
    expect(resources.filter(queueAlarm)).toHaveLength(1);
    for (const type of shared.slice(0, 3)) expect(resources.filter((r) => r.Type === type)).toHaveLength(1);
    expect(resources.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy')).toHaveLength(2);
  });

  test('failure queue alarm: in alarm while a failed event waits, notifying each distinct alarmAction once', () => {
    const s = newStack();
    const ops = new sns.Topic(s, 'Ops');
    const security = new sns.Topic(s, 'Security');
    fnIn(s, { alarmAction: new cwActions.SnsAction(ops) }, 'A');
    fnIn(s, { alarmAction: new cwActions.SnsAction(ops) }, 'B'); // another action object, the same topic
    fnIn(s, { alarmAction: new cwActions.SnsAction(security) }, 'C');
    fnIn(s, {}, 'D');
    const alarms = Template.fromStack(s).findResources('AWS::CloudWatch::Alarm', {
      Properties: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible' },
    });
    expect(Object.values(alarms)).toHaveLength(1);
    const alarm = (Object.values(alarms)[0] as any).Properties;
    expect(alarm).toEqual(expect.objectContaining({
      Statistic: 'Maximum',
      Threshold: 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [expect.stringMatching(/^SecureFunctionFailuresQueue/), 'QueueName'] } }],
      AlarmActions: [{ Ref: expect.stringMatching(/^Ops/) }, { Ref: expect.stringMatching(/^Security/) }],
    }));
    expect(alarm.AlarmDescription).toMatch(/requestContext\.functionArn/);
  });

  test('a function with its own key gets a failure queue encrypted with that key', () => {
    const s = newStack();
    const key = new kms.Key(s, 'OwnKey', { enableKeyRotation: true });
    fnIn(s, { encryptionKey: key }, 'A');
    fnIn(s, { encryptionKey: key }, 'B');
    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('OwnKey'), 'Arn'] } });
    expect(StackKey.exists(s)).toBe(false);
  });

  test('a secret encrypted with the stack key: decrypt via Secrets Manager only, and no dependency cycle', () => {
    const s = newStack();
    const secret = new secretsmanager.Secret(s, 'DbSecret', { encryptionKey: StackKey.of(s) });
    fnIn(s, { secrets: { DB_SECRET_ARN: FunctionSecret.fromSecret(secret) } });
    const template = Template.fromStack(s);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'kms:Decrypt',
          Condition: { StringEquals: { 'kms:ViaService': Match.anyValue() } },
        })]),
      },
    });
    // secret.grantRead would put the role into the key policy: key -> role -> log group -> key.
    expect(JSON.stringify(template.findResources('AWS::KMS::Key'))).not.toMatch(/ServiceRole/);
    expect(dependencyCycles(template.toJSON())).toEqual([]);
  });

  test('secrets by reference: ARN/name in env, read on exactly that secret', () => {
    const s = newStack();
    const secret = new secretsmanager.Secret(s, 'DbSecret');
    const param = ssm.StringParameter.fromSecureStringParameterAttributes(s, 'ApiKey', { parameterName: '/app/api-key' });
    fnIn(s, { secrets: { DB_PASSWORD: FunctionSecret.fromSecret(secret), API_KEY: FunctionSecret.fromParameter(param) } });
    const tt = Template.fromStack(s);
    tt.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DB_PASSWORD: { Ref: Match.stringLikeRegexp('DbSecret') }, API_KEY: '/app/api-key' }) },
    });
    tt.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: Match.stringLikeRegexp('DbSecret') } }),
          Match.objectLike({ Action: Match.arrayWith(['ssm:GetParameter']), Resource: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':parameter/app/api-key'])]) }) }),
        ]),
      },
    });
  });
});

describe('usable anywhere an IFunction is', () => {
  test('grants stay narrow, event sources, integrations, metrics', () => {
    const stack = newStack();
    const fn = fnIn(stack);
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    table.grantReadData(fn);
    const queue = new sqs.Queue(stack, 'In', { enforceSSL: true });
    fn.addEventSource(new sources.SqsEventSource(queue));
    new apigw.LambdaRestApi(stack, 'Api', { handler: fn });
    expect(fn.metricErrors().metricName).toBe('Errors');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['dynamodb:Query', 'dynamodb:GetItem']),
          Resource: Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('Table'), 'Arn'] }]),
        })]),
      },
    });
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    t.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'apigateway.amazonaws.com' });
  });

  test('logGroup, healthAlarm and the invoke config are the real resources, under the ids aws-cdk-lib would give them', () => {
    const stack = newStack();
    const fn = fnIn(stack);
    new cloudwatch.CompositeAlarm(stack, 'Composite', { alarmRule: cloudwatch.AlarmRule.anyOf(fn.healthAlarm) });
    fn.logGroup.addMetricFilter('Errors', { filterPattern: logs.FilterPattern.literal('ERROR'), metricName: 'E', metricNamespace: 'App' });
    expect(fn.healthAlarm).toBe(fn.healthAlarm); // created once, however often it is read
    expect(fn.logGroup).toBe(fn.secureLogGroup);
    const t = Template.fromStack(stack);
    const resources = t.toJSON().Resources;
    // The logical ids the L2 LogGroup (under the function since the parts moved there, a documented breaking change),
    // Function.configureAsyncInvoke and cloudwatch.Alarm give these resources; the role has the id a plain
    // lambda.Function gives its own role.
    expect(Object.keys(resources)).toEqual(expect.arrayContaining([
      'FnLogGroup27CC2AC8', 'FnServiceRoleB9001A96', 'FnEventInvokeConfig6834F094', 'FnHealthAlarm60802915',
    ]));
    t.hasResourceProperties('AWS::Logs::MetricFilter', { LogGroupName: { Ref: Match.stringLikeRegexp('^FnLogGroup') } });
    t.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmRule: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^FnHealthAlarm'), 'Arn'] }])] },
    });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('Tags.of(scope) reaches the role, function, log group and health alarm', () => {
    const stack = newStack();
    fnIn(stack);
    Tags.of(stack).add('team', 'payments');
    const t = Template.fromStack(stack);
    for (const type of ['AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::Logs::LogGroup', 'AWS::CloudWatch::Alarm']) {
      t.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'team', Value: 'payments' }]) });
    }
    const untagged = Template.fromStack(fnIn(newStack()).stack).findResources('AWS::CloudWatch::Alarm');
    expect(Object.values(untagged).map((r: any) => r.Properties.Tags)).toEqual([undefined, undefined]);
  });

  test('configureAsyncInvoke after construction is refused (the function already has its invoke config)', () => {
    const fn = fnIn(newStack());
    expect(() => fn.configureAsyncInvoke({ retryAttempts: 0 })).toThrow(/An EventInvokeConfig has already been configured/);
  });

  test('onFailure and onSuccess destinations are bound as configureAsyncInvoke binds them', () => {
    const stack = newStack();
    const failures = new sqs.Queue(stack, 'Failures', { enforceSSL: true });
    const successes = new sns.Topic(stack, 'Successes');
    fnIn(stack, { onFailure: new destinations.SqsDestination(failures), onSuccess: new destinations.SnsDestination(successes) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      Qualifier: '$LATEST',
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Failures'), 'Arn'] } },
        OnSuccess: { Destination: { Ref: Match.stringLikeRegexp('^Successes') } },
      },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']) }), Match.objectLike({ Action: 'sns:Publish' })]) },
    });
  });

  test('function URL defaults to AWS_IAM', () => {
    const stack = newStack();
    fnIn(stack).addFunctionUrl({ cors: { allowedOrigins: ['https://app.example.com'] } });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
  });

  test('a justified public URL is recorded as an acknowledgement of SLS-LAMBDA-URL-AUTH', () => {
    const stack = newStack();
    const url = fnIn(stack, { relaxations: { publicUrl: 'Public webhook endpoint verified by HMAC signature in code' } })
      .addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const meta = url.node.metadata.find((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(meta?.data).toEqual({ 'ServerlessSecurityChecks::SLS-LAMBDA-URL-AUTH': 'Public webhook endpoint verified by HMAC signature in code' });
  });
});

describe('bad input fails with its code', () => {
  // Props SecureFunctionProps leaves out are still refused when JavaScript passes them.
  const cases: Array<[string, Partial<ReceivedFunctionProps>, RegExp]> = [
    ['timeout too long', { timeout: Duration.minutes(16) }, /SF001.*timeout/],
    ['memory too small', { memorySize: 64 }, /SF002.*memorySize/],
    ['deprecated runtime', { runtime: lambda.Runtime.NODEJS_20_X }, /SF003.*nodejs20\.x was deprecated on 2026-04-30.*nodejs24\.x or nodejs22\.x/],
    ['secret literal by name', { environment: { DB_PASSWORD: 'hunter2hunter2' } }, /SF005.*environment\.DB_PASSWORD/],
    ['secret literal by value', { environment: { CONFIG: 'AKIAIOSFODNN7EXAMPLE' } }, /SF005.*AWS access key id/],
    ['tracing disabled', { tracing: lambda.Tracing.DISABLED }, /SF009/],
    ['short justification', { tracing: lambda.Tracing.DISABLED, relaxations: { tracing: 'nah' } }, /SF008/],
    ['infinite retention', { logGroupRetention: logs.RetentionDays.INFINITE }, /SF010/],
    ['logRetention', { logRetention: logs.RetentionDays.ONE_DAY }, /SF010/],
    ['logRemovalPolicy', { logRemovalPolicy: RemovalPolicy.DESTROY }, /SF010.*logRemovalPolicy/],
    ['logRetentionRole', { logRetentionRole: iam.Role.fromRoleName(new Stack(), 'R', 'x') }, /SF010.*logRetentionRole/],
    ['logGroup', { logGroup: logs.LogGroup.fromLogGroupName(new Stack(), 'L', 'x') }, /SF011/],
    ['text logs', { loggingFormat: lambda.LoggingFormat.TEXT }, /SF012/],
    ['recursive allow', { recursiveLoop: lambda.RecursiveLoop.ALLOW }, /SF013/],
    ['retry attempts', { retryAttempts: 5 }, /SF014/],
    ['dlq disabled', { deadLetterQueueEnabled: false }, /SF015/],
    ['foreign layer', { layers: [lambda.LayerVersion.fromLayerVersionArn(new Stack(), 'L', 'arn:aws:lambda:eu-west-1:999999999999:layer:x:1')] }, /SF016.*999999999999/],
    ['wildcard initial policy', { initialPolicy: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })] }, /SF021/],
    ['bad allowed account', { allowedLayerAccounts: ['abc'] }, /SF022/],
  ];
  test.each(cases)('fails if %s', (_name, props, expected) => {
    expect(() => fnIn(newStack({ account: '111111111111', region: 'eu-west-1' }), props)).toThrow(expected);
  });

  test('several problems are reported together, with path, prop and fix', () => {
    let message = '';
    try {
      fnIn(newStack(), { timeout: Duration.seconds(0), memorySize: 20000, environment: { API_TOKEN: 'abcdefghijklmnop' } });
    } catch (e) {
      message = (e as Error).message;
      expect((e as Error).name).toBe('SecureConstructValidationError');
    }
    expect(message).toMatch(/^3 invalid or insecure props/);
    expect(message).toMatch(/\[SF001\] TestStack\/Fn: timeout/);
    expect(message).toMatch(/\[SF002\] TestStack\/Fn: memorySize/);
    expect(message).toMatch(/\[SF005\] TestStack\/Fn: environment\.API_TOKEN .*FunctionSecret\.fromSecret/);
  });

  test('tokens are not treated as safe', () => {
    const s1 = newStack();
    const p = new CfnParameter(s1, 'Pw');
    expect(() => fnIn(s1, { environment: { DB_PASSWORD: p.valueAsString } })).toThrow(/SF006/);
    const s2 = newStack();
    const secret = new secretsmanager.Secret(s2, 'S');
    expect(() => fnIn(s2, { environment: { DB_PASSWORD: secret.secretValue.unsafeUnwrap() } })).toThrow(/SF006/);
    const s3 = newStack();
    const p3 = new CfnParameter(s3, 'Pw');
    expect(() => fnIn(s3, { environment: { DATABASE_URL: `postgres://admin:${p3.valueAsString}@db.internal/app` } })).toThrow(/SF005.*password/);
    // a token under a harmless name, and a reference-named token, are fine
    const s4 = newStack();
    const t4 = new dynamodb.Table(s4, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const sec4 = new secretsmanager.Secret(s4, 'S');
    expect(() => fnIn(s4, { environment: { TABLE_NAME: t4.tableName, DB_SECRET_ARN: sec4.secretArn } })).not.toThrow();
    expect(SecretValue.unsafePlainText('x')).toBeDefined();
  });

  test('addEnvironment after construction is checked too', () => {
    const fn = fnIn(newStack());
    expect(() => fn.addEnvironment('STRIPE_KEY', 'sk_live_abcdefghijklmnop1234')).toThrow(/SF005/);
    expect(() => fn.addEnvironment('STAGE', 'prod')).not.toThrow();
  });

  test('a false positive can be relaxed with a justification', () => {
    expect(() => fnIn(newStack(), {
      environment: { PUBLIC_TOKEN_HINT: 'not-a-secret-value' },
      relaxations: { notSecret: { PUBLIC_TOKEN_HINT: 'Displayed to users in the UI, not a credential' } },
    })).not.toThrow();
  });

  test('function URL: NONE and * CORS are refused', () => {
    expect(() => fnIn(newStack()).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })).toThrow(/SF017/);
    expect(() => fnIn(newStack()).addFunctionUrl({ cors: { allowedOrigins: ['*'] } })).toThrow(/SF018/);
  });

  test('layers: same account and allow-listed accounts pass, others fail (also via addLayers)', () => {
    const stack = newStack({ account: '111111111111', region: 'eu-west-1' });
    const layerDir = tempDir('sf-layer');
    fs.writeFileSync(path.join(layerDir, 'x.js'), '');
    const own = new lambda.LayerVersion(stack, 'Own', { code: lambda.Code.fromAsset(layerDir) });
    const vendor = lambda.LayerVersion.fromLayerVersionArn(stack, 'Vendor', 'arn:aws:lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:1');
    const fn = fnIn(stack, { layers: [own, vendor], allowedLayerAccounts: ['094274105915'] });
    const foreign = lambda.LayerVersion.fromLayerVersionArn(stack, 'Foreign', 'arn:aws:lambda:eu-west-1:222222222222:layer:x:1');
    expect(() => fn.addLayers(foreign)).toThrow(/SF016/);
  });

  test('shared role fails', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    fnIn(stack, { role }, 'A');
    expect(() => fnIn(stack, { role }, 'B')).toThrow(/SF019/);
  });

  test('a LambdaAction as alarmAction needs unique permission ids: SF024 with the fix instead of a duplicate-construct crash', () => {
    const withFlag = (flag: boolean) => {
      const app = testApp({ '@aws-cdk/aws-cloudwatch-actions:changeLambdaPermissionLogicalIdForLambdaAction': flag });
      const stack = new Stack(app, 'TestStack');
      return { stack, pager: new lambda.Function(stack, 'Pager', { ...base, runtime: lambda.Runtime.NODEJS_22_X }) };
    };
    for (const flag of [false, true]) {
      const { stack, pager } = withFlag(flag);
      const shared = new cwActions.LambdaAction(pager);
      // the first function already binds it twice (its health alarm and the failure-queue alarm), with or without
      // aws-cdk-lib's flag that prefixes the permission id with the alarm's id (both alarms' ids are the same)
      expect(() => fnIn(stack, { alarmAction: shared }, 'A'))
        .toThrow(/\[SF024\] TestStack\/A: alarmAction cannot be attached.*useUniquePermissionId: true/);
    }

    const { stack, pager } = withFlag(false);
    const unique = new cwActions.LambdaAction(pager, { useUniquePermissionId: true });
    fnIn(stack, { alarmAction: unique }, 'A');
    fnIn(stack, { alarmAction: unique }, 'B');
    const t = Template.fromStack(stack);
    // one invoke permission per alarm: the two health alarms and the shared failure-queue alarm
    t.resourceCountIs('AWS::Lambda::Permission', 3);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Pager'), 'Arn'] }] });
  });

  test('code signing config must ENFORCE', () => {
    const stack = newStack();
    const profile = new signer.SigningProfile(stack, 'P', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
    const warn = new lambda.CodeSigningConfig(stack, 'Warn', { signingProfiles: [profile], untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.WARN });
    expect(() => fnIn(stack, { codeSigningConfig: warn })).toThrow(/SF020/);
    const enforce = new lambda.CodeSigningConfig(stack, 'Enforce', { signingProfiles: [profile], untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.ENFORCE });
    fnIn(stack, { codeSigningConfig: enforce }, 'Signed');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { CodeSigningConfigArn: Match.anyValue() });
  });

  test('runtime within 90 days of deprecation is a warning', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { 'cdk-secure-serverless:today': '2027-03-01' } } as any);
    const stack = new Stack(app, 'S');
    fnIn(stack, { runtime: lambda.Runtime.NODEJS_22_X });
    Annotations.fromStack(stack).hasWarning('/S/Fn', Match.stringLikeRegexp('nodejs22.x is deprecated on 2027-04-30'));
  });
});

describe('cdk-nag', () => {
  test('AwsSolutions and Serverless: zero findings (with grants, event source, alarm action)', () => {
    const app = testApp();
    const shared = new Stack(app, 'Shared');
    const topic = new sns.Topic(shared, 'Alarms');
    const stack = new Stack(app, 'Fns');
    const table = new dynamodb.Table(shared, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    for (const id of ['A', 'B']) {
      const fn = fnIn(stack, { alarmAction: new cwActions.SnsAction(topic) }, id);
      table.grantReadData(fn);
    }
    expect(findings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(findings(new ServerlessChecks(), stack)).toEqual([]);
  });

  test('acknowledgements are once per stack, on exactly the shared X-Ray policy and the failure queue, with reasons', () => {
    const stack = newStack();
    fnIn(stack, {}, 'A');
    fnIn(stack, {}, 'B');
    const acked = stack.node.findAll().filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acked.map((c) => c.node.path).sort()).toEqual(['TestStack/SecureFunctionFailures/Queue/Resource', 'TestStack/SecureFunctionXRayWrite/Resource']);
    for (const construct of acked) {
      const reasons = construct.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .map((m) => Object.values(m.data as object)[0]);
      for (const reason of reasons) expect(String(reason).length).toBeGreaterThan(80);
    }
  });

  test('a later wildcard grant is NOT hidden by the acknowledgements', () => {
    const stack = newStack();
    const fn = fnIn(stack);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: ['*'] }));
    expect(findings(new AwsSolutionsChecks(), stack)).toEqual(['AwsSolutions-IAM5[Resource::*] @ TestStack/Fn/ServiceRole/DefaultPolicy/Resource']);
  });

  test('HIPAA / NIST 800-53 R5 / PCI DSS: residuals by default, zero with vpc + reservedConcurrentExecutions + alarmAction + customer-managed baseline', () => {
    const app = testApp();
    const net = new Stack(app, 'Net');
    const vpc = new ec2.Vpc(net, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const topic = new sns.Topic(net, 'Alarms', { masterKey: new kms.Key(net, 'TopicKey', { enableKeyRotation: true }) });
    const byDefault = new Stack(app, 'Default');
    fnIn(byDefault);
    for (const pack of [new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks()]) {
      expect(findings(pack, byDefault).length).toBeGreaterThan(0);
    }
    const hardened = new Stack(app, 'Hardened');
    fnIn(hardened, {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      reservedConcurrentExecutions: 10,
      alarmAction: new cwActions.SnsAction(topic),
      baselinePolicy: BaselinePolicyKind.CUSTOMER_MANAGED,
    });
    const packs = [new HIPAASecurityChecks(), new NIST80053R5Checks(), new PCIDSS321Checks(), new AwsSolutionsChecks(), new ServerlessChecks()];
    for (const pack of packs) {
      expect(findings(pack, hardened)).toEqual([]);
    }
    const resources = Object.values(Template.fromStack(hardened).toJSON().Resources) as any[];
    // Per function: the 5 of the default + its customer-managed baseline policy + a security group. Per stack: the
    // failure queue, its policy and its alarm, and the shared send, X-Ray and VPC policies.
    expect(resources.filter((r) => r.Type !== 'AWS::KMS::Key')).toHaveLength(7 + 6);
  });
});

describe('cfn-lint', () => {
  test('the synthesized template has no cfn-lint error', () => {
    const probe = spawnSync('cfn-lint', ['--version']);
    if (probe.error) {
      console.warn('cfn-lint not installed: skipped');
      return;
    }
    const stack = newStack();
    const fn = fnIn(stack, { alarmAction: new cwActions.SnsAction(new sns.Topic(stack, 'T')) });
    fn.addFunctionUrl();
    const dir = tempDir('sf-lint');
    const file = path.join(dir, 'template.json');
    fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
    const res = spawnSync('cfn-lint', ['--format', 'json', file], { encoding: 'utf8' });
    const matches = JSON.parse(res.stdout || '[]') as Array<{ Level: string; Rule: { Id: string }; Message: string }>;
    expect(matches.filter((m) => m.Level === 'Error')).toEqual([]);
  });
});
