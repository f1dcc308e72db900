import * as path from 'path';
import { CustomResource, CustomResourceProvider, CustomResourceProviderRuntime, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { newAppAndStack, synthesized } from './engine-test-helpers';
import { AlwaysViolatedRule } from './fake-rules';
import { AuditedStack, AuditEngine } from '../../src/engine/audit-engine';
import { FrameworkResources } from '../../src/engine/framework-resources';
import { BuiltInRules } from '../../src/rules/builtin-rules';
import { RuleRegistry } from '../../src/rules/rule-registry';

function userFunction(stack: Stack, id: string, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = 1'), ...props,
  });
}

/** A stack holding one of each kind of framework resource, next to the user's own resources. */
function stackWithFrameworkResources(): { stack: Stack; audited: AuditedStack } {
  const { stack } = newAppAndStack();
  const bucket = new s3.Bucket(stack, 'Bucket', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY });
  new s3deploy.BucketDeployment(stack, 'Deploy', { sources: [s3deploy.Source.data('a.txt', 'a')], destinationBucket: bucket });
  userFunction(stack, 'WithLogRetention', { logRetention: logs.RetentionDays.ONE_WEEK });
  new cr.AwsCustomResource(stack, 'SdkCall', {
    onCreate: { service: 'SSM', action: 'getParameter', parameters: { Name: 'p' }, physicalResourceId: cr.PhysicalResourceId.of('p') },
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'p' })] }),
    ]),
  });
  const onEvent = userFunction(stack, 'OnEvent');
  const provider = new cr.Provider(stack, 'Provider', {
    onEventHandler: onEvent,
    isCompleteHandler: userFunction(stack, 'IsComplete'),
    providerFunctionEnvEncryption: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    logGroup: new logs.LogGroup(stack, 'ProviderLogs', { retention: logs.RetentionDays.ONE_MONTH }),
    totalTimeout: Duration.minutes(5),
    disableWaiterStateMachineLogging: false,
    waiterStateMachineLogOptions: { level: sfn.LogLevel.ERROR },
  });
  new CustomResource(stack, 'Custom', { serviceToken: provider.serviceToken });
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(new sqs.Queue(stack, 'Uploads')));

  // Claims that must not be believed (#16.6): a role of the user inside the Provider's scope, a function carrying a
  // handler's metadata, a SingletonFunction with a uuid of aws-cdk-lib's and code of the user's, and a
  // CustomResourceProvider (public API) with the user's own handler code.
  new iam.Role(provider, 'UserRoleInProvider', { assumedBy: new iam.AccountRootPrincipal() })
    .addToPolicy(new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] }));
  userFunction(stack, 'ClaimsMetadata').node.addMetadata('aws:cdk:is-custom-resource-handler-singleton', true);
  new lambda.SingletonFunction(stack, 'ClaimsUuid', {
    uuid: '8693BB64-9689-44B6-9AAF-B0CC9EB8756C',
    lambdaPurpose: 'UserPurpose',
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = 1'),
  });
  const userProvider = CustomResourceProvider.getOrCreateProvider(stack, 'Custom::UserThing', {
    codeDirectory: path.join(__dirname, 'fixtures', 'user-provider'), runtime: CustomResourceProviderRuntime.NODEJS_22_X,
  });
  new CustomResource(stack, 'UserThing', { serviceToken: userProvider.serviceToken, resourceType: 'Custom::UserThing' });
  return { stack, audited: synthesized(stack) };
}

describe('framework resources', () => {
  const { audited } = stackWithFrameworkResources();
  const framework = FrameworkResources.classify(audited.view, audited.constructs!);
  const decisionOf = (constructPath: RegExp) => {
    const resources = audited.view.resources.filter((r) => constructPath.test(r.constructPath));
    expect(resources.length).toBeGreaterThan(0);
    return [...new Set(resources.map((r) => framework.decisionFor(r.logicalId)?.name))];
  };

  test('recognises each kind by what created it', () => {
    expect(decisionOf(/^Stack\/Custom::CDKBucketDeployment[^/]*\//)).toEqual(['Singleton custom-resource handlers']);
    expect(decisionOf(/^Stack\/AWS679f53fac002430cb0da5b7982bd2287\//)).toEqual(['Singleton custom-resource handlers']);
    expect(decisionOf(/^Stack\/Custom::S3AutoDeleteObjectsCustomResourceProvider\//)).toEqual(['Core custom-resource providers']);
    expect(decisionOf(/^Stack\/Provider\/(framework-|waiter-state-machine)/)).toEqual(['Custom-resource provider framework']);
    expect(decisionOf(/^Stack\/LogRetention[0-9a-f]+\//)).toEqual(['Other aws-cdk-lib handlers']);
    expect(decisionOf(/^Stack\/BucketNotificationsHandler[0-9a-f]+\//)).toEqual(['Other aws-cdk-lib handlers']);
  });

  test('leaves the user\'s own resources to the rules', () => {
    for (const constructPath of [/^Stack\/OnEvent\//, /^Stack\/IsComplete\//, /^Stack\/WithLogRetention\//, /^Stack\/SdkCall\/CustomResourcePolicy\//,
      /^Stack\/Bucket\/Resource$/, /^Stack\/ProviderLogs\//, /^Stack\/Key\//,
      /^Stack\/Provider\/UserRoleInProvider\//, /^Stack\/ClaimsMetadata\//, /^Stack\/UserPurpose8693BB64968944B69AAFB0CC9EB8756C\//,
      /^Stack\/Custom::UserThingCustomResourceProvider\//]) {
      expect(decisionOf(constructPath)).toEqual([undefined]);
    }
  });

  test('exempt rules are not run on framework resources; other rules are', () => {
    const tracing = new AlwaysViolatedRule('SLS-LAMBDA-TRACING', ['AWS::Lambda::Function']);
    const envEncryption = new AlwaysViolatedRule('SLS-LAMBDA-ENV-ENCRYPTION', ['AWS::Lambda::Function']);
    const wildcard = new AlwaysViolatedRule('SLS-IAM-WILDCARD-RESOURCE', ['AWS::IAM::Policy']);
    const findings = new AuditEngine({ rules: [tracing, envEncryption, wildcard] }).audit([audited]);
    const paths = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => f.constructPath).sort();
    expect(paths('SLS-LAMBDA-TRACING')).toEqual([
      'Stack/ClaimsMetadata/Resource', 'Stack/Custom::UserThingCustomResourceProvider/Handler', 'Stack/IsComplete/Resource',
      'Stack/OnEvent/Resource', 'Stack/UserPurpose8693BB64968944B69AAFB0CC9EB8756C/Resource', 'Stack/WithLogRetention/Resource',
    ].sort());
    expect(paths('SLS-IAM-WILDCARD-RESOURCE')).toEqual(['Stack/Provider/UserRoleInProvider/DefaultPolicy/Resource', 'Stack/SdkCall/CustomResourcePolicy/Resource']);
    // The Provider exposes providerFunctionEnvEncryption, so its framework functions stay under that rule.
    expect(paths('SLS-LAMBDA-ENV-ENCRYPTION')).toEqual(expect.arrayContaining(['Stack/Provider/framework-onEvent/Resource']));
    expect(paths('SLS-LAMBDA-ENV-ENCRYPTION').some((p) => p.includes('CDKBucketDeployment'))).toBe(false);
  });

  test('the built-in rules report nothing on framework resources the user cannot fix', () => {
    const findings = new AuditEngine({ rules: BuiltInRules.all() }).audit([audited]);
    const onFramework = findings.filter((f) => framework.decisionFor(f.logicalId) !== undefined && !f.acknowledged);
    expect(onFramework.map((f) => `${f.ruleId} on ${f.constructPath}: ${f.message}`)).toEqual([]);
  });

  test('every exempted rule id is well formed and names a rule of the library', () => {
    const known = new Set([...RuleRegistry.builtIn().ids, ...KNOWN_RULE_IDS]);
    for (const decision of FrameworkResources.DECISIONS) {
      expect(decision.exemptRuleIds.filter((id) => !known.has(id))).toEqual([]);
      expect(decision.reason).toMatch(/\.$/);
    }
  });
});

/**
 * Rule ids promised by the audit contract (SecureFunction acknowledges them) or written under src/rules, whether or
 * not BuiltInRules registers them yet.
 */
const KNOWN_RULE_IDS = [
  'SLS-LAMBDA-URL-AUTH', 'SLS-LAMBDA-RUNTIME', 'SLS-LAMBDA-CODE-SIGNING', 'SLS-LAMBDA-LAYER-ORIGIN',
  'SLS-LAMBDA-RECURSIVE-LOOP', 'SLS-LAMBDA-ENV-ENCRYPTION', 'SLS-LAMBDA-ENV-SECRET', 'SLS-LAMBDA-TRACING',
  'SLS-LAMBDA-LOG-GROUP', 'SLS-LAMBDA-LOG-FORMAT', 'SLS-LAMBDA-ALARMS', 'SLS-LAMBDA-ASYNC-FAILURE',
  'SLS-LAMBDA-CONCURRENCY', 'SLS-LOGS-RETENTION', 'SLS-LOGS-ENCRYPTION', 'SLS-IAM-WILDCARD-RESOURCE',
  'SLS-IAM-ROLE-SHARED', 'SLS-IAM-MANAGED-POLICY', 'SLS-SQS-ENCRYPTION', 'SLS-SQS-TLS-ONLY',
  'SLS-IAM-WILDCARD-ACTION', 'SLS-SFN-TRACING',
];
