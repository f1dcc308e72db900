import {
  CfnParameter, Duration, Lazy, Size, Stack, Tags, Validations,
  aws_iam as iam, aws_lambda as lambda, aws_logs as logs, aws_sns as sns, aws_sqs as sqs, aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { expectCoded, testApp } from './construct-test-helpers';
import { FunctionSecret, SecureFunction, SecureFunctionProps } from '../../src/constructs';

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const base = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };

function newStack(context: { [key: string]: unknown } = {}): Stack {
  return new Stack(testApp(context), 'TestStack', { env: { account: '111111111111', region: 'eu-west-1' } });
}
function fnIn(stack: Stack, props: any = {}, id = 'Fn'): SecureFunction {
  return new SecureFunction(stack, id, { ...base, ...props } as SecureFunctionProps);
}
const layerArn = (n: number) => `arn:aws:lambda:eu-west-1:111111111111:layer:l${n}:1`;
const justified = 'Traced by the vendor agent shipped in the layer, X-Ray would double the cost';

/** Hostile props: every one ends in a coded problem naming the prop, never a crash and never a silent pass. */
const HOSTILE: Array<[string, (s: Stack) => any, string, string]> = [
  // null or missing required props from JavaScript
  ['props null', () => null, 'SF025', 'props'],
  ['props undefined', () => undefined, 'SF025', 'props'],
  ['code undefined', () => ({ ...base, code: undefined }), 'SF025', 'code'],
  ['code null', () => ({ ...base, code: null }), 'SF025', 'code'],
  ['code a string', () => ({ ...base, code: 'index.js' }), 'SF025', 'code'],
  ['runtime undefined', () => ({ ...base, runtime: undefined }), 'SF025', 'runtime'],
  ['runtime a string', () => ({ ...base, runtime: 'nodejs22.x' }), 'SF025', 'runtime'],
  ['inline code on a runtime without inline code', () => ({ runtime: lambda.Runtime.JAVA_21 }), 'SF036', 'code'],
  ['FROM_IMAGE runtime with zip code', () => ({ runtime: lambda.Runtime.FROM_IMAGE, handler: lambda.Handler.FROM_IMAGE }), 'SF036', 'runtime'],
  ['handler undefined', () => ({ ...base, handler: undefined }), 'SF025', 'handler'],
  ['handler empty', () => ({ ...base, handler: '' }), 'SF026', 'handler'],
  ['handler blank', () => ({ ...base, handler: '   ' }), 'SF026', 'handler'],
  ['handler too long', () => ({ ...base, handler: `${'a'.repeat(125)}.handler` }), 'SF026', 'handler'],
  // numbers: NaN, Infinity, negative, zero, fractions, wrong types, tokens
  ['timeout NaN', () => ({ timeout: Duration.seconds(NaN) }), 'SF001', 'timeout'],
  ['timeout Infinity', () => ({ timeout: Duration.seconds(Infinity) }), 'SF001', 'timeout'],
  ['timeout zero', () => ({ timeout: Duration.seconds(0) }), 'SF001', 'timeout'],
  ['timeout fraction of a second', () => ({ timeout: Duration.millis(1500) }), 'SF001', 'timeout'],
  ['timeout a number', () => ({ timeout: 30 }), 'SF001', 'timeout'],
  ['timeout over 15 minutes', () => ({ timeout: Duration.minutes(16) }), 'SF001', 'timeout'],
  ['memorySize NaN', () => ({ memorySize: NaN }), 'SF002', 'memorySize'],
  ['memorySize Infinity', () => ({ memorySize: Infinity }), 'SF002', 'memorySize'],
  ['memorySize negative', () => ({ memorySize: -512 }), 'SF002', 'memorySize'],
  ['memorySize zero', () => ({ memorySize: 0 }), 'SF002', 'memorySize'],
  ['memorySize fraction', () => ({ memorySize: 512.5 }), 'SF002', 'memorySize'],
  ['memorySize a string', () => ({ memorySize: '512' }), 'SF002', 'memorySize'],
  ['memorySize a Lazy resolving to 64', () => ({ memorySize: Lazy.number({ produce: () => 64 }) }), 'SF002', 'memorySize'],
  ['reservedConcurrentExecutions negative', () => ({ reservedConcurrentExecutions: -1 }), 'SF031', 'reservedConcurrentExecutions'],
  ['reservedConcurrentExecutions fraction', () => ({ reservedConcurrentExecutions: 1.5 }), 'SF031', 'reservedConcurrentExecutions'],
  ['reservedConcurrentExecutions NaN', () => ({ reservedConcurrentExecutions: NaN }), 'SF031', 'reservedConcurrentExecutions'],
  ['retryAttempts NaN', () => ({ retryAttempts: NaN }), 'SF014', 'retryAttempts'],
  ['retryAttempts negative', () => ({ retryAttempts: -1 }), 'SF014', 'retryAttempts'],
  ['retryAttempts fraction', () => ({ retryAttempts: 1.5 }), 'SF014', 'retryAttempts'],
  ['retryAttempts over 2', () => ({ retryAttempts: 3 }), 'SF014', 'retryAttempts'],
  ['maxEventAge under a minute', () => ({ maxEventAge: Duration.seconds(30) }), 'SF014', 'maxEventAge'],
  ['maxEventAge fraction of a second', () => ({ maxEventAge: Duration.millis(90_500) }), 'SF014', 'maxEventAge'],
  ['maxEventAge a deploy-time value in minutes', (s) => ({ maxEventAge: Duration.minutes(new CfnParameter(s, 'Age', { type: 'Number' }).valueAsNumber) }), 'SF014', 'maxEventAge'],
  ['maxEventAge over 6 hours', () => ({ maxEventAge: Duration.hours(7) }), 'SF014', 'maxEventAge'],
  ['ephemeralStorageSize too small', () => ({ ephemeralStorageSize: Size.mebibytes(100) }), 'SF032', 'ephemeralStorageSize'],
  ['ephemeralStorageSize NaN', () => ({ ephemeralStorageSize: Size.mebibytes(NaN) }), 'SF032', 'ephemeralStorageSize'],
  ['ephemeralStorageSize too large', () => ({ ephemeralStorageSize: Size.gibibytes(11) }), 'SF032', 'ephemeralStorageSize'],
  ['logGroupRetention not a RetentionDays', () => ({ logGroupRetention: 7.5 }), 'SF010', 'logGroupRetention'],
  ['logGroupRetention negative', () => ({ logGroupRetention: -1 }), 'SF010', 'logGroupRetention'],
  ['logGroupRetention INFINITE', () => ({ logGroupRetention: logs.RetentionDays.INFINITE }), 'SF010', 'logGroupRetention'],
  // tokens that resolve at synth to insecure values
  ['runtime a Lazy resolving to a deprecated runtime', () => ({ runtime: new lambda.Runtime(Lazy.string({ produce: () => 'nodejs16.x' }), lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }) }), 'SF003', 'runtime'],
  ['environment secret behind a Lazy', () => ({ environment: { DB_PASSWORD: Lazy.string({ produce: () => 'hunter2hunter2' }) } }), 'SF005', 'environment.DB_PASSWORD'],
  ['initialPolicy resource * behind a Lazy', () => ({ initialPolicy: [new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [Lazy.string({ produce: () => '*' })] })] }), 'SF021', 'initialPolicy'],
  // invalid names
  ['environment empty key', () => ({ environment: { '': 'x' } }), 'SF023', 'environment.'],
  ['environment key starting with a digit', () => ({ environment: { '1ABC': 'x' } }), 'SF023', 'environment.1ABC'],
  ['environment one-letter key', () => ({ environment: { A: 'x' } }), 'SF023', 'environment.A'],
  ['environment key with a hyphen', () => ({ environment: { 'MY-VAR': 'x' } }), 'SF023', 'environment.MY-VAR'],
  ['environment reserved AWS_REGION', () => ({ environment: { AWS_REGION: 'eu-west-1' } }), 'SF028', 'environment.AWS_REGION'],
  ['environment reserved _HANDLER', () => ({ environment: { _HANDLER: 'x' } }), 'SF028', 'environment._HANDLER'],
  ['environment value null', () => ({ environment: { STAGE: null } }), 'SF023', 'environment.STAGE'],
  ['environment value a number', () => ({ environment: { PORT: 8080 } }), 'SF023', 'environment.PORT'],
  ['secrets value null', () => ({ secrets: { DB_SECRET_ARN: null } }), 'SF023', 'secrets.DB_SECRET_ARN'],
  ['secrets invalid name', (s) => ({ secrets: { 'db-secret': FunctionSecret.fromSecret(new secretsmanager.Secret(s, 'S')) } }), 'SF023', 'secrets.db-secret'],
  ['secrets reserved name', (s) => ({ secrets: { AWS_SESSION_TOKEN: FunctionSecret.fromSecret(new secretsmanager.Secret(s, 'S')) } }), 'SF028', 'secrets.AWS_SESSION_TOKEN'],
  ['serviceName blank', () => ({ serviceName: '   ' }), 'SF034', 'serviceName'],
  ['functionName with a space', () => ({ functionName: 'my function' }), 'SF027', 'functionName'],
  ['functionName over 64 characters', () => ({ functionName: 'f'.repeat(65) }), 'SF027', 'functionName'],
  ['description over 256 characters', () => ({ description: 'd'.repeat(257) }), 'SF027', 'description'],
  ['allowedLayerAccounts null entry', () => ({ allowedLayerAccounts: [null] }), 'SF022', 'allowedLayerAccounts'],
  ['allowedLayerAccounts 11 digits', () => ({ allowedLayerAccounts: ['12345678901'] }), 'SF022', 'allowedLayerAccounts'],
  // values over AWS limits
  ['environment over 4 KB', () => ({ environment: { CONFIG_A: 'a'.repeat(2100), CONFIG_B: 'b'.repeat(2100) } }), 'SF029', 'environment'],
  ['six layers', (s) => ({ layers: [1, 2, 3, 4, 5, 6].map((n) => lambda.LayerVersion.fromLayerVersionArn(s, `L${n}`, layerArn(n))) }), 'SF030', 'layers'],
  ['a null layer', () => ({ layers: [null] }), 'SF030', 'layers'],
  ['a layer ARN that is not an ARN', (s) => ({ layers: [lambda.LayerVersion.fromLayerVersionArn(s, 'L', 'not-an-arn')] }), 'SF016', 'layers'],
  // props aws-cdk-lib refuses together, refused first with our code
  ['logFormat and loggingFormat', () => ({ logFormat: 'JSON', loggingFormat: lambda.LoggingFormat.JSON }), 'SF033', 'logFormat'],
  ['applicationLogLevel and applicationLogLevelV2', () => ({ applicationLogLevel: 'INFO', applicationLogLevelV2: lambda.ApplicationLogLevel.INFO }), 'SF033', 'applicationLogLevel'],
  ['deadLetterQueue and deadLetterTopic', (s) => ({ deadLetterQueue: new sqs.Queue(s, 'Q'), deadLetterTopic: new sns.Topic(s, 'T') }), 'SF033', 'deadLetterQueue'],
  ['deadLetterQueueEnabled false with a deadLetterQueue', (s) => ({ deadLetterQueueEnabled: false, deadLetterQueue: new sqs.Queue(s, 'Q'), relaxations: { asyncFailure: justified } }), 'SF033', 'deadLetterQueueEnabled'],
  // justifications that are not words
  ['justification of spaces', () => ({ tracing: lambda.Tracing.DISABLED, relaxations: { tracing: '            ' } }), 'SF008', 'relaxations.tracing'],
  ['justification of zero-width spaces', () => ({ tracing: lambda.Tracing.DISABLED, relaxations: { tracing: '\u200b'.repeat(30) } }), 'SF008', 'relaxations.tracing'],
  ['justification of one key held down', () => ({ recursiveLoop: lambda.RecursiveLoop.ALLOW, relaxations: { recursiveLoop: 'a'.repeat(30) } }), 'SF008', 'relaxations.recursiveLoop'],
  ['justification repeating a pattern', () => ({ deadLetterQueueEnabled: false, relaxations: { asyncFailure: 'abcabcabcabcabcabc' } }), 'SF008', 'relaxations.asyncFailure'],
  ['unused justification of spaces', () => ({ relaxations: { publicUrl: ' \u200b '.repeat(10) } }), 'SF008', 'relaxations.publicUrl'],
  ['notSecret justification of invisible characters', () => ({ environment: { API_TOKEN_HINT: 'x' }, relaxations: { notSecret: { API_TOKEN_HINT: '\u2063\u00ad'.repeat(15) } } }), 'SF008', 'relaxations.notSecret.API_TOKEN_HINT'],
  ['initialPolicy null statement', () => ({ initialPolicy: [null] }), 'SF021', 'initialPolicy'],
  // objects of the wrong kind, and props that need a VPC
  ['encryptionKey an empty object', () => ({ encryptionKey: {} }), 'SF025', 'encryptionKey'],
  ['role a string', () => ({ role: 'arn:aws:iam::111111111111:role/x' }), 'SF025', 'role'],
  ['alarmAction null', () => ({ alarmAction: null }), 'SF025', 'alarmAction'],
  ['deadLetterQueue an empty object', () => ({ deadLetterQueue: {} }), 'SF025', 'deadLetterQueue'],
  ['events holding null', () => ({ events: [null] }), 'SF025', 'events'],
  ['vpcSubnets without a vpc', () => ({ vpcSubnets: { subnetType: 'Private' } }), 'SF033', 'vpcSubnets'],
  ['securityGroups without a vpc', () => ({ securityGroups: [] }), 'SF033', 'securityGroups'],
  // the one day of the app
  ['context today not a date', () => ({}), 'SF035', 'context cdk-secure-serverless:today'],
];

describe('hostile props: a coded error naming the prop, never a crash or a pass', () => {
  test.each(HOSTILE)('%s', (name, props, expected, prop) => {
    const stack = name.startsWith('context today') ? newStack({ 'cdk-secure-serverless:today': 'tomorrow' }) : newStack();
    const build = props(stack);
    const error = expectCoded(() => (build === null || build === undefined
      ? new SecureFunction(stack, 'Fn', build as any)
      : fnIn(stack, build)), expected);
    expect(error.problems.filter((p) => p.code === expected).map((p) => p.prop)).toContain(prop);
    expect(error.message).toContain(`[${expected}] TestStack/Fn: ${prop}`);
  });

  test.each([
    ['addEnvironment with a reserved name', (fn: SecureFunction) => fn.addEnvironment('AWS_REGION', 'x'), 'SF028'],
    ['addEnvironment with a null value', (fn: SecureFunction) => fn.addEnvironment('STAGE', null as any), 'SF023'],
    ['addEnvironment over 4 KB', (fn: SecureFunction) => fn.addEnvironment('BIG', 'x'.repeat(4100)), 'SF029'],
    ['addEnvironment with a secret behind a Lazy', (fn: SecureFunction) => fn.addEnvironment('API_KEY', Lazy.string({ produce: () => 'sk_live_abcdefghijklmnop1234' })), 'SF005'],
    ['addLayers with null', (fn: SecureFunction) => fn.addLayers(null as any), 'SF016'],
    ['addLayers past five', (fn: SecureFunction) => fn.addLayers(...[1, 2, 3, 4, 5, 6].map((n) => lambda.LayerVersion.fromLayerVersionArn(fn, `L${n}`, layerArn(n)))), 'SF030'],
    ['addFunctionUrl with a * origin behind a Lazy', (fn: SecureFunction) => fn.addFunctionUrl({ cors: { allowedOrigins: [Lazy.string({ produce: () => '*' })] } }), 'SF018'],
    ['addFunctionUrl with origins that are not a list', (fn: SecureFunction) => fn.addFunctionUrl({ cors: { allowedOrigins: 'https://a.example.com' as any } }), 'SF018'],
  ])('after construction: %s', (_name, act, expected) => {
    const fn = fnIn(newStack());
    expectCoded(() => act(fn), expected);
  });

  test('an alarm action that cannot be bound is a coded error, not a TypeError', () => {
    expectCoded(() => fnIn(newStack(), { alarmAction: {} }), 'SF025');
    expectCoded(() => fnIn(newStack(), { alarmAction: { bind: () => { throw new TypeError('boom'); } } }), 'SF024');
  });

  test('values only known at deploy time are acknowledgeable warnings, not passes and not errors', () => {
    const stack = newStack();
    const runtime = new CfnParameter(stack, 'Runtime');
    const memory = new CfnParameter(stack, 'Memory', { type: 'Number' });
    const timeout = new CfnParameter(stack, 'Timeout', { type: 'Number' });
    fnIn(stack, {
      runtime: new lambda.Runtime(runtime.valueAsString, lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }),
      memorySize: memory.valueAsNumber,
      timeout: Duration.seconds(timeout.valueAsNumber),
    });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[SF003\\] TestStack/Fn: runtime is only known at deploy time'));
    annotations.hasWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[SF002\\] TestStack/Fn: memorySize is only known at deploy time'));
    annotations.hasWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[SF001\\] TestStack/Fn: timeout is only known at deploy time'));
  });
});

describe('runtimes: one day, and newer versions of known families', () => {
  test('a newer version of a known family (nodejs26.x) is accepted without a warning; a typo is warned about', () => {
    const stack = newStack();
    fnIn(stack, { runtime: new lambda.Runtime('nodejs26.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }) }, 'Newer');
    fnIn(stack, { runtime: new lambda.Runtime('python3.15', lambda.RuntimeFamily.PYTHON, { supportsInlineCode: true }) }, 'NewerPython');
    fnIn(stack, { runtime: new lambda.Runtime('nodejs240.x', lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true }) }, 'Typo');
    const annotations = Annotations.fromStack(stack);
    annotations.hasNoWarning('/TestStack/Newer', Match.stringLikeRegexp('SLS-LAMBDA-RUNTIME'));
    annotations.hasNoWarning('/TestStack/NewerPython', Match.stringLikeRegexp('SLS-LAMBDA-RUNTIME'));
    annotations.hasWarning('/TestStack/Typo', Match.stringLikeRegexp('nodejs240.x is not in the runtime table'));
  });

  test('the runtime check follows cdk-secure-serverless:today (the one date of the app)', () => {
    expectCoded(() => fnIn(newStack({ 'cdk-secure-serverless:today': '2028-05-01' })), 'SF003');
    expect(() => fnIn(newStack({ 'cdk-secure-serverless:today': '2028-01-01' }))).not.toThrow();
    // the retired second mechanism no longer moves the check
    expect(() => fnIn(newStack({ 'cdk-secure-serverless:runtimeCheckDate': '2030-01-01' }))).not.toThrow();
  });
});

describe('SecureFunction owns its parts', () => {
  test('role and log group are children of the function; Tags.of(fn) reaches every resource of the function', () => {
    const stack = newStack();
    const fn = fnIn(stack, { alarmAction: { bind: () => ({ alarmActionArn: 'arn:aws:sns:eu-west-1:111111111111:ops' }) } });
    new iam.Role(stack, 'FnServiceRole', { assumedBy: new iam.AccountRootPrincipal() }); // the user's own construct: no collision
    expect(fn.role!.node.path).toBe('TestStack/Fn/ServiceRole');
    expect(fn.secureLogGroup.node.path).toBe('TestStack/Fn/LogGroup/Imported');
    Tags.of(fn).add('team', 'payments');
    const t = Template.fromStack(stack);
    for (const type of ['AWS::IAM::Role', 'AWS::Lambda::Function', 'AWS::Logs::LogGroup', 'AWS::CloudWatch::Alarm']) {
      t.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'team', Value: 'payments' }]) });
    }
    const userRole = Object.entries(t.findResources('AWS::IAM::Role')).find(([id]) => id.startsWith('FnServiceRole') && !id.includes('B9001A96'));
    expect(userRole?.[1].Properties.Tags).toBeUndefined();
  });

  test('Validations.of(fn) reaches the role: a relaxation recorded on it is under the function', () => {
    const stack = newStack();
    const fn = fnIn(stack, {
      initialPolicy: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })],
      relaxations: { wildcardPolicy: 'Migration tool that copies every bucket of the account' },
    });
    const acked = fn.node.findAll().filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acked.map((c) => c.node.path)).toEqual(['TestStack/Fn/ServiceRole']);
  });

  test('customer-managed baseline policy is a child of the function too', () => {
    const stack = newStack();
    const fn = fnIn(stack, { baselinePolicy: 'customer-managed' });
    expect(fn.node.tryFindChild('BaselinePolicy')).toBeDefined();
    Template.fromStack(stack).resourceCountIs('AWS::IAM::ManagedPolicy', 3);
  });

  test('a passed role: written to its log group, given the shared policies, no whole-stack search', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const fn = fnIn(stack, { role });
    expect(fn.role).toBe(role);
    expect(fn.node.tryFindChild('ServiceRole')).toBeUndefined();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'WriteOwnLogGroup', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] })]) },
    });
    t.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^SecureFunctionXRayWrite') }]) });
    // validations on the function are its own props only: none walks the stack
    expect((fn.node as any)._validations?.length ?? 0).toBe(0);
  });
});

describe('newestRuntime: what cdk-nag\'s latest-runtime rules ask for', () => {
  test('the newest versioned runtime of the family in this aws-cdk-lib, never a user-made typo', () => {
    new lambda.Runtime('nodejs240.x', lambda.RuntimeFamily.NODEJS); // lands in Runtime.ALL, as cdk-nag would see it
    const node = SecureFunction.newestRuntime(lambda.RuntimeFamily.NODEJS);
    const newestKnown = lambda.Runtime.ALL.filter((r) => /^nodejs\d+\.x$/.test(r.name) && r.name !== 'nodejs240.x')
      .map((r) => Number(/\d+/.exec(r.name)![0])).sort((a, b) => a - b).pop();
    expect(node.name).toBe(`nodejs${newestKnown}.x`);
    expect(SecureFunction.newestRuntime(lambda.RuntimeFamily.PYTHON).name).toMatch(/^python3\.\d+$/);
    expect(() => fnIn(newStack(), { runtime: node })).not.toThrow();
  });

  test('a family without a supported runtime is a coded error', () => {
    expectCoded(() => SecureFunction.newestRuntime(lambda.RuntimeFamily.GO), 'SF025');
  });
});

describe('initialPolicy is held to the audit\'s IAM rules, not a copy of them', () => {
  const policy = (actions: string[], resources: string[]) => ({ initialPolicy: [new iam.PolicyStatement({ actions, resources })] });
  const table = 'arn:aws:dynamodb:eu-west-1:111111111111:table/orders';

  test.each<[string, (s: Stack) => any]>([
    ['every action of a data store on one table (dynamodb:* includes PutResourcePolicy)', () => policy(['dynamodb:*'], [table])],
    ['a write on every resource', () => policy(['dynamodb:PutItem'], ['*'])],
    ['a wildcard action that includes PutBucketPolicy', () => policy(['s3:PutBucket*'], ['arn:aws:s3:::orders'])],
    ['privilege escalation on one role', () => policy(['iam:PassRole', 'lambda:CreateFunction'], ['*'])],
    ['every action behind a Lazy', () => policy([Lazy.string({ produce: () => 'dynamodb:*' })], [table])],
  ])('%s: coded error SF021', (_name, props) => {
    const stack = newStack();
    expectCoded(() => fnIn(stack, props(stack)), 'SF021');
  });

  test('named actions on a named resource pass with no warning', () => {
    const stack = newStack();
    fnIn(stack, policy(['dynamodb:GetItem', 'dynamodb:PutItem'], [table]));
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SF021|SLS-IAM'))).toEqual([]);
  });

  test('a read on every resource is a warning the audit also gives, not an error', () => {
    const stack = newStack();
    fnIn(stack, policy(['cloudwatch:GetMetricData'], ['*']));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SF021'));
    expect(warnings.length).toBeGreaterThan(0);
  });

  test('a parameter as the resource is unable to decide, never a pass', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'TableArn').valueAsString;
    fnIn(stack, policy(['dynamodb:*'], [arn]));
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SF021'));
    expect(warnings.length + Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('SF021')).length).toBeGreaterThan(0);
  });

  test('a justified wildcard is acknowledged per finding of the rules on the role', () => {
    const stack = newStack();
    const fn = fnIn(stack, { ...policy(['s3:*'], ['*']), relaxations: { wildcardPolicy: 'Migration tool that copies every bucket of the account' } });
    const acks = fn.role!.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(JSON.stringify(acks)).toMatch(/SLS-IAM-WILDCARD-ACTION/);
  });
});
