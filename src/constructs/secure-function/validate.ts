import { Arn, ArnFormat, Stack, Token, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SECURE_FUNCTION_LIMITS as L } from './defaults';
import type { SecureFunctionProps } from './props';
import { AuditDate } from '../../core/audit-date';
import { PropErrors } from '../../core/prop-errors';
import { IRule, Severity, VerdictKind } from '../../core/rule';
import { IamEscalationRule } from '../../rules/iam/escalation';
import { IamNotActionRule } from '../../rules/iam/not-action';
import { IamWildcardActionRule } from '../../rules/iam/wildcard-action';
import { IamWildcardResourceRule } from '../../rules/iam/wildcard-resource';
import { LambdaRuntimeSupport, RuntimeStatus } from '../../shared/lambda-runtimes';
import { SecretDetector } from '../../shared/secret-detector';
import { DraftResource, DraftVerdict } from '../common/private/draft-resource';
import { Relaxation, RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';

/**
 * The error codes of `SecureFunction`. Stable: documented in the README and matched by tests.
 */
export const SF = {
  TIMEOUT_RANGE: 'SF001',
  MEMORY_RANGE: 'SF002',
  RUNTIME_DEPRECATED: 'SF003',
  ENV_SECRET_LITERAL: 'SF005',
  ENV_SECRET_TOKEN: 'SF006',
  ENV_NAME_CONFLICT: 'SF007',
  JUSTIFICATION_TOO_SHORT: 'SF008',
  TRACING_NOT_ACTIVE: 'SF009',
  LOG_RETENTION: 'SF010',
  LOG_GROUP_MANAGED: 'SF011',
  LOG_FORMAT_TEXT: 'SF012',
  RECURSIVE_LOOP_ALLOW: 'SF013',
  ASYNC_RANGE: 'SF014',
  ASYNC_FAILURE_DISABLED: 'SF015',
  LAYER_ORIGIN: 'SF016',
  URL_AUTH_NONE: 'SF017',
  URL_CORS_ANY_ORIGIN: 'SF018',
  ROLE_SHARED: 'SF019',
  CODE_SIGNING_NOT_ENFORCED: 'SF020',
  POLICY_WILDCARD: 'SF021',
  LAYER_ACCOUNT_INVALID: 'SF022',
  ENV_NAME_INVALID: 'SF023',
  ALARM_ACTION_UNBINDABLE: 'SF024',
  REQUIRED_PROP: 'SF025',
  HANDLER_INVALID: 'SF026',
  NAME_INVALID: 'SF027',
  ENV_RESERVED: 'SF028',
  ENV_TOO_LARGE: 'SF029',
  LAYERS_INVALID: 'SF030',
  CONCURRENCY_RANGE: 'SF031',
  EPHEMERAL_STORAGE_RANGE: 'SF032',
  PROPS_CONFLICT: 'SF033',
  SERVICE_NAME_INVALID: 'SF034',
  TODAY_INVALID: 'SF035',
  CODE_RUNTIME_MISMATCH: 'SF036',
} as const;

/** Token placeholder used when a partly tokenized value is checked: it is deliberately not a "safe" placeholder. */
const TOKEN_MARKER = 'TOKENVALUE';
const TOKEN_PATTERN = /\$\{Token\[[^\]]+\]\}/g;

/** Environment variable names Lambda reserves (the list aws-cdk-lib refuses in `addEnvironment`, from the Lambda docs). */
const RESERVED_ENV_NAMES = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);
/** Lambda's pattern for environment variable names: a letter, then at least one letter, digit or underscore. */
const ENV_NAME = /^[A-Za-z][A-Za-z0-9_]+$/;

/**
 * The props of `lambda.FunctionProps` that `SecureFunctionProps` leaves out (deprecated or refused; its documentation
 * says why). JavaScript callers can still pass them, so they are still read: the refused ones are coded errors, and
 * the deprecated log props are folded into their successors as `lambda.Function` would.
 */
export type UndeclaredFunctionProps = Pick<lambda.FunctionProps, 'applicationLogLevel' | 'systemLogLevel' | 'logFormat' | 'logGroup'
| 'logRetention' | 'logRemovalPolicy' | 'logRetentionRetryOptions' | 'logRetentionRole'>;

/** The props a `SecureFunction` may receive: the declared ones, and those left out but passed from JavaScript. */
export type ReceivedFunctionProps = SecureFunctionProps & UndeclaredFunctionProps;

/** What validation found that is not an error: warnings to raise once the construct exists. */
export interface ValidationOutcome {
  /** Non-fatal findings, as [rule id, message]. */
  readonly warnings: Array<[string, string]>;
  /** Accepted relaxations, as [rule id, justification]. */
  readonly relaxations: Array<[string, string]>;
  /** Bytes of the environment known at synth (names and literal values), toward Lambda's 4 KB limit. */
  readonly environmentBytes: number;
}

/** True when `value` looks like the kind of object aws-cdk-lib expects (duck-typed: jsii proxies are not `instanceof`). */
function hasFunction(value: any, name: string): boolean {
  return value !== null && typeof value === 'object' && typeof value[name] === 'function';
}

/**
 * Check every prop of a `SecureFunction` before anything is created; every problem goes to `errors`, every value
 * only known at deploy time to `errors.undecidable`. Never throws: a hostile prop (`null`, `NaN`, a token, a value
 * over an AWS limit) is a coded problem, never a TypeError or an aws-cdk-lib error.
 */
export function validateSecureFunctionProps(scope: IConstruct, props: ReceivedFunctionProps, errors: PropErrors): ValidationOutcome {
  const warnings: Array<[string, string]> = [];
  const ledger = new RelaxationLedger(errors, SF.JUSTIFICATION_TOO_SHORT);
  if (props === null || typeof props !== 'object') {
    errors.add(SF.REQUIRED_PROP, 'props', `are required but were ${PropErrors.show(props)}`,
      'Pass the props with at least `runtime`, `handler` and `code`');
    return { warnings, relaxations: [], environmentBytes: 0 };
  }
  const r = props.relaxations ?? {};

  // --- required props and limits
  const isImage = props.runtime === lambda.Runtime.FROM_IMAGE;
  errors.required(SF.REQUIRED_PROP, 'code', props.code, 'a lambda.Code', 'Pass `code`, for example `lambda.Code.fromAsset(\'dist/handler\')`',
    (c) => hasFunction(c, 'bind'));
  checkHandler(props, isImage, errors);
  checkCodeFitsRuntime(props, isImage, errors);
  errors.seconds(SF.TIMEOUT_RANGE, 'timeout', props.timeout, L.timeoutSeconds, 'between 1 second and 15 minutes',
    'Set `timeout` to the longest a single invocation may legitimately take, in whole seconds (`Duration.seconds(30)`)');
  errors.number(SF.MEMORY_RANGE, 'memorySize', props.memorySize, L.memorySize, 'Set `memorySize` within the Lambda limits (128 to 10240 MB)');
  errors.number(SF.CONCURRENCY_RANGE, 'reservedConcurrentExecutions', props.reservedConcurrentExecutions, L.reservedConcurrency,
    'Set `reservedConcurrentExecutions` to a whole number of concurrent executions (0 stops the function), or remove it');
  errors.mebibytes(SF.EPHEMERAL_STORAGE_RANGE, 'ephemeralStorageSize', props.ephemeralStorageSize, L.ephemeralStorageMiB,
    'Set `ephemeralStorageSize` between `Size.mebibytes(512)` and `Size.mebibytes(10240)`');
  checkNames(props, errors);
  checkConflicts(props, errors);
  checkObjectProps(props, errors);

  // --- runtime
  if (errors.required(SF.REQUIRED_PROP, 'runtime', props.runtime, 'a lambda.Runtime',
    'Pass `runtime`, for example `lambda.Runtime.NODEJS_22_X`', (rt) => typeof rt === 'object' && typeof rt.name === 'string') && !isImage) {
    checkRuntime(scope, props.runtime.name, errors, warnings);
  }

  // --- environment and secrets
  const notSecret = r.notSecret ?? {};
  for (const [name, just] of Object.entries(notSecret)) {
    ledger.accept(`relaxations.notSecret.${name}`, just, `${RuleIds.LAMBDA_ENV_SECRET}[${name}]`);
  }
  let environmentBytes = 0;
  const environment = props.environment ?? {};
  if (typeof environment !== 'object') {
    errors.add(SF.ENV_NAME_INVALID, 'environment', `must be a map of names to values but was ${PropErrors.show(environment)}`, 'Pass `environment: { NAME: \'value\' }`');
  } else {
    for (const [name, value] of Object.entries(environment)) {
      if (!checkEnvironmentName(errors, `environment.${name}`, name)) continue;
      if (typeof value !== 'string') {
        errors.add(SF.ENV_NAME_INVALID, `environment.${name}`, `must be a string but was ${PropErrors.show(value)}`,
          'Pass the value as text (`String(value)`), or a token such as `table.tableName`');
        continue;
      }
      const resolved = errors.resolveString(value);
      environmentBytes += byteLength(name) + byteLength(resolved.value ?? value.replace(TOKEN_PATTERN, ''));
      if (notSecret[name] !== undefined) continue;
      const problem = checkEnvironmentEntry(name, resolved.value ?? value);
      if (problem) {
        errors.add(problem.code, `environment.${name}`, problem.problem, problem.fix);
      }
    }
  }
  for (const [name, secret] of Object.entries(props.secrets ?? {})) {
    checkEnvironmentName(errors, `secrets.${name}`, name);
    if (!hasFunction(secret, 'grantRead') || typeof (secret as any).reference !== 'string') {
      errors.add(SF.ENV_NAME_INVALID, `secrets.${name}`, `must be a FunctionSecret but was ${PropErrors.show(secret)}`,
        'Use `FunctionSecret.fromSecret(secret)` or `FunctionSecret.fromParameter(parameter)`');
    } else {
      environmentBytes += byteLength(name) + byteLength(secret.reference.replace(TOKEN_PATTERN, ''));
    }
    if (typeof environment === 'object' && environment !== null && name in environment) {
      errors.add(SF.ENV_NAME_CONFLICT, `secrets.${name}`, 'is also set in `environment`', 'Set the variable in `secrets` only');
    }
  }
  if (props.serviceName !== undefined) {
    const name = props.serviceName;
    if (typeof name !== 'string' || name.trim().length === 0 || (!Token.isUnresolved(name) && name.length > 256)) {
      errors.add(SF.SERVICE_NAME_INVALID, 'serviceName', `must be a non-blank name of at most 256 characters but was ${PropErrors.show(name)}`,
        'Remove `serviceName` (the construct id is used), or name the service');
    }
  }
  environmentBytes += byteLength('POWERTOOLS_SERVICE_NAME') + byteLength(typeof props.serviceName === 'string' ? props.serviceName : 'x'.repeat(20))
    + byteLength('POWERTOOLS_LOG_LEVEL') + 8;
  if (environmentBytes > L.environmentBytes) {
    errors.add(SF.ENV_TOO_LARGE, 'environment', `must total at most 4 KB (names and values) but totals ${environmentBytes} bytes`,
      'Keep configuration out of the environment: store it in SSM Parameter Store or AppConfig and pass its name');
  }

  // --- tracing, logging, recursion
  if (props.tracing !== undefined && props.tracing !== lambda.Tracing.ACTIVE) {
    ledger.require('relaxations.tracing', r.tracing, RuleIds.LAMBDA_TRACING, {
      code: SF.TRACING_NOT_ACTIVE,
      prop: 'tracing',
      problem: `must be Tracing.ACTIVE but was ${PropErrors.show(props.tracing)}`,
      fix: 'Remove `tracing`, or keep it and set `relaxations.tracing` to a written justification',
    });
  } else if (r.tracing !== undefined) {
    Relaxation.check(errors, SF.JUSTIFICATION_TOO_SHORT, 'relaxations.tracing', r.tracing);
  }
  checkRetention(props, errors);
  if (props.logRetention !== undefined) {
    errors.add(SF.LOG_RETENTION, 'logRetention', 'is not supported (it creates a log-retention custom resource per stack)',
      'Use `logGroupRetention`: SecureFunction creates the log group itself');
  }
  // They only configure the custom resource of `logRetention`: passed without it, lambda.Function would ignore them.
  for (const prop of ['logRemovalPolicy', 'logRetentionRetryOptions', 'logRetentionRole'] as const) {
    if (props[prop] !== undefined) {
      errors.add(SF.LOG_RETENTION, prop, 'is not supported (it configures the log-retention custom resource of `logRetention`)',
        `Remove \`${prop}\`: SecureFunction creates the log group itself (retention: \`logGroupRetention\`)`);
    }
  }
  if (props.logGroup !== undefined) {
    errors.add(SF.LOG_GROUP_MANAGED, 'logGroup', 'is not supported: SecureFunction creates its own encrypted log group',
      'Remove `logGroup`; set `logGroupRetention` and `encryptionKey` to tune it');
  }
  if ((props.loggingFormat !== undefined && props.loggingFormat !== lambda.LoggingFormat.JSON)
    || (props.logFormat !== undefined && props.logFormat !== lambda.LogFormat.JSON)) {
    errors.add(SF.LOG_FORMAT_TEXT, props.loggingFormat !== undefined ? 'loggingFormat' : 'logFormat',
      `must be JSON but was ${PropErrors.show(props.loggingFormat ?? props.logFormat)}`, 'Remove `loggingFormat`: JSON logs carry the level and request id');
  }
  if (props.recursiveLoop !== undefined && props.recursiveLoop !== lambda.RecursiveLoop.TERMINATE) {
    ledger.require('relaxations.recursiveLoop', r.recursiveLoop, RuleIds.LAMBDA_RECURSIVE_LOOP, {
      code: SF.RECURSIVE_LOOP_ALLOW,
      prop: 'recursiveLoop',
      problem: `must be TERMINATE but was ${PropErrors.show(props.recursiveLoop)}`,
      fix: 'Remove `recursiveLoop`, or set `relaxations.recursiveLoop` to a written justification',
    });
  } else if (r.recursiveLoop !== undefined) {
    Relaxation.check(errors, SF.JUSTIFICATION_TOO_SHORT, 'relaxations.recursiveLoop', r.recursiveLoop);
  }

  // --- asynchronous invocation
  errors.number(SF.ASYNC_RANGE, 'retryAttempts', props.retryAttempts, L.retryAttempts, 'Set `retryAttempts` to 0, 1 or 2');
  errors.seconds(SF.ASYNC_RANGE, 'maxEventAge', props.maxEventAge, L.maxEventAgeSeconds, 'between 1 minute and 6 hours',
    'Set `maxEventAge` within the Lambda limits, in whole seconds (`Duration.hours(1)`)');
  if (props.deadLetterQueueEnabled === false) {
    ledger.require('relaxations.asyncFailure', r.asyncFailure, RuleIds.LAMBDA_ASYNC_FAILURE, {
      code: SF.ASYNC_FAILURE_DISABLED,
      prop: 'deadLetterQueueEnabled',
      problem: 'must not be false: failed asynchronous events would be lost',
      fix: 'Remove `deadLetterQueueEnabled`, or set `relaxations.asyncFailure` to a written justification',
    });
  } else if (r.asyncFailure !== undefined) {
    Relaxation.check(errors, SF.JUSTIFICATION_TOO_SHORT, 'relaxations.asyncFailure', r.asyncFailure);
  }

  // --- supply chain
  checkLayers(scope, props, isImage, errors);
  const csc = props.codeSigningConfig;
  if (csc instanceof lambda.CodeSigningConfig) {
    const cfn = csc.node.defaultChild as lambda.CfnCodeSigningConfig;
    const policies = Stack.of(csc).resolve(cfn.codeSigningPolicies);
    if (policies?.untrustedArtifactOnDeployment !== 'Enforce') {
      errors.add(SF.CODE_SIGNING_NOT_ENFORCED, 'codeSigningConfig', 'must use UntrustedArtifactOnDeployment ENFORCE but uses WARN',
        'Create the CodeSigningConfig with `untrustedArtifactOnDeployment: lambda.UntrustedArtifactOnDeployment.ENFORCE`');
    }
  }

  // --- IAM
  checkInitialPolicy(scope, props, errors, ledger, warnings);
  if (r.publicUrl !== undefined) {
    Relaxation.check(errors, SF.JUSTIFICATION_TOO_SHORT, 'relaxations.publicUrl', r.publicUrl);
  }
  return { warnings, relaxations: ledger.accepted, environmentBytes };
}

function checkHandler(props: ReceivedFunctionProps, isImage: boolean, errors: PropErrors): void {
  const handler = props.handler;
  const fix = 'Set `handler` to the file and exported function (`index.handler`), or `lambda.Handler.FROM_IMAGE` for a container image';
  if (handler === lambda.Handler.FROM_IMAGE) {
    if (!isImage) {
      errors.add(SF.HANDLER_INVALID, 'handler', 'is Handler.FROM_IMAGE but `runtime` is not Runtime.FROM_IMAGE', fix);
    }
    return;
  }
  if (!errors.required(SF.REQUIRED_PROP, 'handler', handler, 'a string', fix, (h) => typeof h === 'string')) return;
  if (Token.isUnresolved(handler)) return;
  if (handler.trim().length === 0 || /\s/.test(handler) || handler.length > 128) {
    errors.add(SF.HANDLER_INVALID, 'handler', `must be 1 to 128 characters without whitespace but was ${PropErrors.show(handler)}`, fix);
  }
}

/** The pairings aws-cdk-lib refuses when it binds the code (inline code on a runtime without it, images): refused first, with a code. */
function checkCodeFitsRuntime(props: ReceivedFunctionProps, isImage: boolean, errors: PropErrors): void {
  const c = props.code as any;
  if (!hasFunction(c, 'bind') || !props.runtime || typeof props.runtime !== 'object') return;
  const imageCode = c instanceof lambda.EcrImageCode || c instanceof lambda.AssetImageCode;
  if (imageCode !== isImage) {
    errors.add(SF.CODE_RUNTIME_MISMATCH, 'runtime', imageCode
      ? `must be Runtime.FROM_IMAGE for container image code but was ${props.runtime.name}`
      : 'is Runtime.FROM_IMAGE but `code` is not a container image',
    'Use `lambda.Code.fromEcrImage(...)` / `fromAssetImage(...)` with `runtime: lambda.Runtime.FROM_IMAGE` and `handler: lambda.Handler.FROM_IMAGE`, or package code with a runtime');
  } else if (c.isInline === true && props.runtime.supportsInlineCode !== true) {
    errors.add(SF.CODE_RUNTIME_MISMATCH, 'code', `is inline code, which runtime ${props.runtime.name} does not support`,
      'Package the code as an asset (`lambda.Code.fromAsset(...)`), or create the runtime with `supportsInlineCode: true`');
  }
}

function checkNames(props: ReceivedFunctionProps, errors: PropErrors): void {
  const name = props.functionName;
  if (name !== undefined && (typeof name !== 'string' || (!Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{1,64}$/.test(name)))) {
    errors.add(SF.NAME_INVALID, 'functionName', `must be 1 to 64 letters, digits, hyphens or underscores but was ${PropErrors.show(name)}`,
      'Remove `functionName` (CloudFormation names the function, which also allows replacements), or fix it');
  }
  const description = props.description;
  if (description !== undefined && (typeof description !== 'string' || (!Token.isUnresolved(description) && description.length > 256))) {
    errors.add(SF.NAME_INVALID, 'description', `must be text of at most 256 characters but has ${typeof description === 'string' ? description.length : PropErrors.show(description)}`,
      'Shorten `description`');
  }
}

/** Props that must be objects of a kind: `{}` or a string from JavaScript would crash deep in aws-cdk-lib. */
function checkObjectProps(props: ReceivedFunctionProps, errors: PropErrors): void {
  const kinds: Array<[keyof ReceivedFunctionProps, string, string]> = [
    ['encryptionKey', 'keyArn', 'a kms.IKey'],
    ['environmentEncryption', 'keyRef', 'a kms.IKey'],
    ['role', 'roleArn', 'an iam.IRole'],
    ['permissionsBoundary', 'managedPolicyArn', 'an iam.IManagedPolicy'],
    ['deadLetterQueue', 'queueArn', 'an sqs.IQueue'],
    ['deadLetterTopic', 'topicArn', 'an sns.ITopic'],
    ['alarmAction', 'bind', 'a cloudwatch.IAlarmAction (for example an SnsAction)'],
    ['onFailure', 'bind', 'a lambda.IDestination'],
    ['onSuccess', 'bind', 'a lambda.IDestination'],
    ['vpc', 'vpcId', 'an ec2.IVpc'],
  ];
  for (const [prop, member, kind] of kinds) {
    const value = props[prop] as any;
    if (value === undefined) continue;
    if (value === null || typeof value !== 'object' || value[member] === undefined) {
      errors.add(SF.REQUIRED_PROP, prop, `must be ${kind} but was ${PropErrors.show(value)}`, `Pass ${kind}, or remove \`${prop}\``);
    }
  }
  for (const prop of ['vpcSubnets', 'securityGroups', 'filesystem', 'allowAllOutbound', 'allowPublicSubnet', 'ipv6AllowedForDualStack'] as const) {
    if (props[prop] !== undefined && props.vpc === undefined) {
      errors.add(SF.PROPS_CONFLICT, prop, 'needs `vpc`', `Pass \`vpc\`, or remove \`${prop}\``);
    }
  }
  if (props.securityGroups !== undefined && props.allowAllOutbound !== undefined) {
    errors.add(SF.PROPS_CONFLICT, 'allowAllOutbound', 'cannot be set together with `securityGroups`', 'Configure outbound rules on the security groups you pass');
  }
  if (props.events !== undefined && (!Array.isArray(props.events) || props.events.some((e) => !e || typeof (e as any).bind !== 'function'))) {
    errors.add(SF.REQUIRED_PROP, 'events', `must be a list of lambda.IEventSource but was ${PropErrors.show(props.events)}`,
      'Pass event sources such as `new SqsEventSource(queue)`, or use `SecureQueue.addConsumer(fn)`');
  }
}

/** Props aws-cdk-lib refuses together (with an error that names no prop of ours): refused here first, with a code. */
function checkConflicts(props: ReceivedFunctionProps, errors: PropErrors): void {
  const pairs: Array<[keyof ReceivedFunctionProps, keyof ReceivedFunctionProps]> = [
    ['logFormat', 'loggingFormat'],
    ['applicationLogLevel', 'applicationLogLevelV2'],
    ['systemLogLevel', 'systemLogLevelV2'],
    ['deadLetterQueue', 'deadLetterTopic'],
  ];
  for (const [a, b] of pairs) {
    if (props[a] !== undefined && props[b] !== undefined) {
      errors.add(SF.PROPS_CONFLICT, `${String(a)}`, `cannot be set together with \`${String(b)}\``, `Set only one of \`${String(a)}\` and \`${String(b)}\``);
    }
  }
  if (props.deadLetterQueueEnabled === false && (props.deadLetterQueue !== undefined || props.deadLetterTopic !== undefined)) {
    errors.add(SF.PROPS_CONFLICT, 'deadLetterQueueEnabled', 'is false but a `deadLetterQueue` or `deadLetterTopic` is passed',
      'Remove `deadLetterQueueEnabled`');
  }
}

/** The one day of the app (`AuditDate.today`), as the audit's runtime rule judges it. */
function checkRuntime(scope: IConstruct, name: string, errors: PropErrors, warnings: Array<[string, string]>): void {
  const resolved = errors.resolveString(name);
  if (resolved.undecidable) {
    errors.undecidable(SF.RUNTIME_DEPRECATED, 'runtime', 'is only known at deploy time, so it cannot be checked against the runtime table at synth',
      'Use a `lambda.Runtime` constant, or acknowledge this warning after checking the deployed runtime', RuleIds.qualified(RuleIds.LAMBDA_RUNTIME));
    return;
  }
  const runtimeName = resolved.value!;
  let at: string;
  try {
    at = AuditDate.today(scope);
  } catch {
    errors.add(SF.TODAY_INVALID, `context ${AuditDate.TODAY_CONTEXT}`, `must be a date written YYYY-MM-DD but was ${PropErrors.show(scope.node.tryGetContext(AuditDate.TODAY_CONTEXT))}`,
      'Fix the value in cdk.json or on the command line (-c), or remove it to use the current date');
    return;
  }
  const c = LambdaRuntimeSupport.classify(runtimeName, at);
  // Only a runtime that is (nearly) deprecated needs the list of alternatives: most functions never build it.
  const upgrade = () => {
    const alternatives = LambdaRuntimeSupport.supportedAlternatives(runtimeName, at);
    return alternatives.length > 0 ? `Upgrade to ${alternatives.join(' or ')}` : 'Upgrade to a supported runtime';
  };
  if (c.status === RuntimeStatus.DEPRECATED) {
    errors.add(SF.RUNTIME_DEPRECATED, 'runtime',
      `must be a supported runtime but ${runtimeName} was deprecated on ${c.deprecationDate} (no more security patches)`,
      `${upgrade()} (runtime table reviewed ${LambdaRuntimeSupport.LAST_REVIEWED})`);
  } else if (c.status === RuntimeStatus.DEPRECATION_SOON) {
    warnings.push([RuleIds.LAMBDA_RUNTIME, `runtime ${runtimeName} is deprecated on ${c.deprecationDate} (in ${c.daysUntilDeprecation} days). ${upgrade()}.`]);
  } else if (c.status === RuntimeStatus.UNKNOWN) {
    warnings.push([RuleIds.LAMBDA_RUNTIME, `runtime ${runtimeName} is not in the runtime table (reviewed ${LambdaRuntimeSupport.LAST_REVIEWED}) `
      + 'and is not a newer version of a runtime family it knows (a typo?); its support status cannot be vouched for.']);
  }
  // NEWER_THAN_TABLE: supported (a newer version of a known family); the audit notes it at the INFO level.
}

function checkRetention(props: ReceivedFunctionProps, errors: PropErrors): void {
  const retention = props.logGroupRetention;
  if (retention === undefined) return;
  if (retention === logs.RetentionDays.INFINITE) {
    errors.add(SF.LOG_RETENTION, 'logGroupRetention', 'must be a finite retention but was INFINITE',
      'Choose a finite `logGroupRetention` (default ONE_YEAR); archive to S3 if logs must be kept longer');
  } else if (!Object.values(logs.RetentionDays).includes(retention)) {
    errors.add(SF.LOG_RETENTION, 'logGroupRetention', `must be a logs.RetentionDays value but was ${PropErrors.show(retention)}`,
      'Use a `logs.RetentionDays` constant, for example `logs.RetentionDays.ONE_YEAR`');
  }
}

function checkLayers(scope: IConstruct, props: ReceivedFunctionProps, isImage: boolean, errors: PropErrors): void {
  for (const account of props.allowedLayerAccounts ?? []) {
    if (typeof account !== 'string' || (!Token.isUnresolved(account) && !/^\d{12}$/.test(account))) {
      errors.add(SF.LAYER_ACCOUNT_INVALID, 'allowedLayerAccounts', `must hold 12-digit account ids but holds ${PropErrors.show(account)}`, 'Fix the account id');
    }
  }
  const layers = props.layers ?? [];
  if (!Array.isArray(layers)) {
    errors.add(SF.LAYERS_INVALID, 'layers', `must be a list of layers but was ${PropErrors.show(layers)}`, 'Pass `layers: [layer]`');
    return;
  }
  if (layers.length > L.layers.max) {
    errors.add(SF.LAYERS_INVALID, 'layers', `must hold at most ${L.layers.max} layers (the Lambda limit) but holds ${layers.length}`,
      'Merge layers, or bundle the code into the function');
  }
  if (isImage && layers.length > 0) {
    errors.add(SF.LAYERS_INVALID, 'layers', 'are not supported for a container image function', 'Put the layer contents into the image');
  }
  for (const layer of layers) {
    if (!layer || typeof (layer as any).layerVersionArn !== 'string') {
      errors.add(SF.LAYERS_INVALID, 'layers', `must hold lambda.ILayerVersion objects but holds ${PropErrors.show(layer)}`,
        'Pass `lambda.LayerVersion` objects, or `lambda.LayerVersion.fromLayerVersionArn(...)`');
      continue;
    }
    const problem = checkLayerOrigin(scope, layer, props.allowedLayerAccounts ?? []);
    if (problem) {
      errors.add(SF.LAYER_ORIGIN, 'layers', problem, 'Publish the layer in this account, or add its account to `allowedLayerAccounts`');
    }
  }
}

/**
 * The audit's rules on identity policies: `initialPolicy` is held to them before the role's policy exists, so the
 * construct refuses exactly what the audit reports as an error, with the audit's judgement of actions (expanded with
 * the IAM action table, by access level) and resources.
 */
export const INITIAL_POLICY_RULES: readonly IRule[] = [new IamWildcardActionRule(), new IamWildcardResourceRule(), new IamNotActionRule(),
  new IamEscalationRule()];

/**
 * `initialPolicy` statements, judged by `INITIAL_POLICY_RULES` as they will be deployed (tokens resolved as far as
 * synth can: a `Lazy` `*` is a `*`; a resource of the stack names one resource). An error of a rule (admin or
 * service-wide wildcards, writes or secret reads on `*`, escalation, `NotAction` / `NotResource`) needs
 * `relaxations.wildcardPolicy`; a warning of a rule (reads on `*`) is an acknowledgeable warning; what cannot be
 * decided at synth is a warning too. An accepted justification acknowledges each finding of the rules
 * (`<rule id>[<finding id>]`) on the role.
 */
function checkInitialPolicy(scope: IConstruct, props: ReceivedFunctionProps, errors: PropErrors, ledger: RelaxationLedger,
  warnings: Array<[string, string]>): void {
  const policy: unknown = props.initialPolicy;
  const statements: unknown[] = Array.isArray(policy) ? policy : policy === undefined ? [] : [policy];
  const documents: unknown[] = [];
  for (const statement of statements) {
    if (!hasFunction(statement, 'toStatementJson')) {
      errors.add(SF.POLICY_WILDCARD, 'initialPolicy', `must hold iam.PolicyStatement objects but holds ${PropErrors.show(statement)}`,
        'Pass `new iam.PolicyStatement({ actions, resources })`, or better, grant with the resource grant methods');
      continue;
    }
    documents.push((statement as { toStatementJson(): unknown }).toStatementJson());
  }
  const r = props.relaxations ?? {};
  const verdicts = documents.length === 0 ? []
    : DraftResource.check(scope, 'AWS::IAM::Policy', { PolicyDocument: { Version: '2012-10-17', Statement: documents } }, [...INITIAL_POLICY_RULES]);
  const findings = verdicts.filter((v) => v.kind === VerdictKind.VIOLATION && v.severity !== Severity.INFO);
  const refused = findings.filter((v) => v.severity === Severity.ERROR);
  const justified = findings.length > 0 && ledger.accept('relaxations.wildcardPolicy', r.wildcardPolicy, acknowledgementId(findings[0]));
  if (justified) {
    findings.slice(1).forEach((v) => ledger.accept('relaxations.wildcardPolicy', r.wildcardPolicy, acknowledgementId(v)));
  } else if (refused.length > 0 && r.wildcardPolicy === undefined) {
    errors.add(SF.POLICY_WILDCARD, 'initialPolicy', `must grant only what the audit accepts, but ${refused.map((v) => `${v.detail} (${v.ruleId})`).join(' ')}`,
      'Use the resource grant methods (`table.grantReadData(fn)`) or name the actions and resources, or set `relaxations.wildcardPolicy` to a written justification');
  } else if (findings.length === 0 && r.wildcardPolicy !== undefined) {
    Relaxation.check(errors, SF.JUSTIFICATION_TOO_SHORT, 'relaxations.wildcardPolicy', r.wildcardPolicy);
  }
  if (!justified) {
    for (const v of findings.filter((f) => f.severity === Severity.WARNING)) {
      warnings.push([v.ruleId, `[${SF.POLICY_WILDCARD}] initialPolicy: ${v.detail} Name the resources, set \`relaxations.wildcardPolicy\` to a written justification, or acknowledge this warning.`]);
    }
  }
  for (const v of verdicts.filter((f) => f.kind === VerdictKind.UNDECIDABLE)) {
    errors.undecidable(SF.POLICY_WILDCARD, 'initialPolicy', `cannot be judged at synth: ${v.detail}`,
      'Use literal actions and resources of this app, or acknowledge this warning after checking the deployed policy', RuleIds.qualified(v.ruleId));
  }
}

/** The acknowledgement of one finding of a rule: `SLS-IAM-WILDCARD-ACTION[s3:*]`. */
function acknowledgementId(verdict: DraftVerdict): string {
  return verdict.findingId === undefined ? verdict.ruleId : `${verdict.ruleId}[${verdict.findingId}]`;
}

/**
 * Check an environment variable name: Lambda's pattern, and not one Lambda reserves.
 *
 * @returns true when the name is valid
 */
export function checkEnvironmentName(errors: PropErrors, prop: string, name: string): boolean {
  if (RESERVED_ENV_NAMES.has(name)) {
    errors.add(SF.ENV_RESERVED, prop, `is reserved by the Lambda runtime (${name} is set by Lambda itself)`,
      'Rename the variable; read the value Lambda sets instead (for example AWS_REGION in the code)');
    return false;
  }
  if (!Token.isUnresolved(name) && !ENV_NAME.test(name)) {
    errors.add(SF.ENV_NAME_INVALID, prop, `must be a valid environment variable name but was ${PropErrors.show(name)}`,
      'Use a letter followed by at least one letter, digit or underscore (`TABLE_NAME`)');
    return false;
  }
  return true;
}

/** Check one environment variable. Unresolved tokens are never treated as safe. */
export function checkEnvironmentEntry(name: string, value: string): { code: string; problem: string; fix: string } | undefined {
  const fix = `Store the value in Secrets Manager or SSM Parameter Store and pass it through \`secrets: { ${name}: FunctionSecret.fromSecret(secret) }\``;
  if (Token.isUnresolved(value)) {
    if (SecretDetector.isSecretName(name)) {
      return {
        code: SF.ENV_SECRET_TOKEN,
        problem: 'has a secret-looking name and a value only known at deploy time (a parameter, an import or an unwrapped SecretValue would put the secret in plain text in the function configuration)',
        fix: `${fix}, or name the variable for what it holds (\`${name}_ARN\`, \`${name}_NAME\`)`,
      };
    }
    const literalPart = value.replace(TOKEN_PATTERN, TOKEN_MARKER);
    const m = SecretDetector.inspectValue(literalPart);
    if (m) {
      return { code: SF.ENV_SECRET_LITERAL, problem: `looks like a secret: ${m.reason}`, fix };
    }
    return undefined;
  }
  const m = SecretDetector.inspect(name, value);
  if (m) {
    return {
      code: SF.ENV_SECRET_LITERAL,
      problem: `looks like a secret: ${m.reason}`,
      fix: `${fix}. If it is not a secret, set \`relaxations.notSecret: { ${name}: '<why>' }\``,
    };
  }
  return undefined;
}

/** UTF-8 bytes of a text (Lambda counts the environment in bytes). */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Check where a layer comes from. Returns the problem, or undefined when the layer is from an allowed account. */
export function checkLayerOrigin(scope: IConstruct, layer: lambda.ILayerVersion, allowed: string[]): string | undefined {
  const stack = Stack.of(scope);
  const arn = layer.layerVersionArn;
  if (Token.isUnresolved(arn)) {
    if (layer instanceof lambda.LayerVersion && Stack.of(layer).account === stack.account) {
      return undefined; // published by this app, in this account
    }
    return 'must come from this account or an allowed account, but the origin of a layer whose ARN is only known at deploy time cannot be verified';
  }
  let account: string | undefined;
  try {
    account = Arn.split(arn, ArnFormat.COLON_RESOURCE_NAME).account;
  } catch {
    account = undefined; // not an ARN at all
  }
  if (!account) {
    return `must be a layer version ARN with an account id but was '${arn}'`;
  }
  if (account === stack.account || allowed.includes(account)) {
    return undefined;
  }
  const stackAccount = Token.isUnresolved(stack.account) ? 'this environment-agnostic stack (account unknown at synth)' : `account ${stack.account}`;
  return `must come from ${stackAccount} or an allowed account, but ${arn} is published by account ${account}`;
}
