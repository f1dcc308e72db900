import {
  Validations,
  aws_cloudwatch as cloudwatch,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_lambda_destinations as destinations,
  aws_logs as logs,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { createAsyncInvokeConfig } from './async-invoke-config';
import { SECURE_FUNCTION_DEFAULTS as D, SECURE_FUNCTION_LIMITS as L } from './defaults';
import { HealthAlarm } from './health-alarm';
import { OwnedParts } from './owned-parts';
import { BaselinePolicyKind, SecureFunctionProps } from './props';
import { SharedFailureQueue, SharedFunctionBaseline } from './shared-baseline';
import { ReceivedFunctionProps, SF, ValidationOutcome, byteLength, checkEnvironmentEntry, checkEnvironmentName, checkLayerOrigin, INITIAL_POLICY_RULES, validateSecureFunctionProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { LambdaRuntimeSupport, RuntimeStatus } from '../../shared/lambda-runtimes';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

/**
 * The on-failure destination for the queue the construct creates: its permissions are already in the baseline policy
 * (exact actions), so unlike `SqsDestination` it grants nothing (which would add `kms:ReEncrypt*` and
 * `kms:GenerateDataKey*` to the DefaultPolicy).
 */
class BaselineQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  public bind(): lambda.DestinationConfig {
    return { destination: this.queue.queueArn };
  }
}

/** Roles already used by a SecureFunction: a role passed to two functions is a shared role. */
const ROLE_OWNERS = new WeakMap<iam.IRole, string>();

/**
 * A Lambda function that is least-privilege, encrypted, observable and hard to misconfigure.
 *
 * It extends `lambda.Function`, so it is usable anywhere an `IFunction` or a `Function` is (grants, event sources,
 * integrations, metrics, aliases), and adopting it is changing one class name. It owns its parts: the role
 * (`<id>/ServiceRole`), the log group (`<id>/LogGroup`), the invoke config and the health alarm are its children, so
 * `Tags.of(fn)` and `Validations.of(fn)` reach them. What every function of the stack shares (the failure queue and
 * the policies for it, X-Ray and VPC network interfaces) is created once per stack.
 *
 * Secure defaults (see `defaults.ts` and the README): dedicated role without AWS-managed policies, encrypted log
 * group with finite retention, JSON logs, X-Ray active, environment encrypted with a customer-managed key, secrets by
 * reference only, supported runtime, explicit timeout and memory on arm64, recursive loops terminated, an encrypted
 * TLS-only failure queue (one per stack) as both DLQ and on-failure destination with explicit retries and event age,
 * IAM-only function URLs, layers from allowed accounts only, and one health alarm.
 *
 * Invalid or insecure props fail the synth with one `SecureConstructValidationError` listing every problem (codes
 * `SF0xx`); values only known at deploy time are acknowledgeable warnings.
 */
export class SecureFunction extends lambda.Function {
  /**
   * The newest runtime of `family` that the installed aws-cdk-lib knows (`lambda.Runtime.NODEJS_26_X` with
   * aws-cdk-lib 2.278): what cdk-nag's "latest runtime" rules (`AwsSolutions-L1`, `Serverless-LambdaLatestVersion`)
   * ask for, so a function on it passes them on every aws-cdk-lib version. A runtime newer than this library's dated
   * table is accepted (a newer version of a known family is supported, not unknown).
   *
   * It moves when aws-cdk-lib is upgraded, like `lambda.Runtime.NODEJS_LATEST` (which lags: it stays on the runtime
   * available in every region). Pin a constant (`lambda.Runtime.NODEJS_24_X`) when the code must not change runtime
   * with an upgrade, and acknowledge cdk-nag's latest-runtime rule on it once a newer one ships (see the README).
   *
   * @param family the runtime family, for example `lambda.RuntimeFamily.NODEJS` or `lambda.RuntimeFamily.PYTHON`
   */
  public static newestRuntime(family: lambda.RuntimeFamily): lambda.Runtime {
    const candidates = lambda.Runtime.ALL
      .filter((r) => r.family === family && !r.isVariable && r !== lambda.Runtime.FROM_IMAGE)
      // only identifiers the runtime table recognises (runtimes created by user code are in Runtime.ALL too)
      // and still supported when the table was last reviewed (GO has only the deprecated go1.x)
      .filter((r) => ![RuntimeStatus.UNKNOWN, RuntimeStatus.DEPRECATED]
        .includes(LambdaRuntimeSupport.classify(r.name, LambdaRuntimeSupport.LAST_REVIEWED).status))
      .sort((a, b) => versionOf(a.name).localeCompare(versionOf(b.name), undefined, { numeric: true, sensitivity: 'base' }));
    const newest = candidates.pop();
    if (!newest) {
      const errors = new PropErrors('SecureFunction.newestRuntime');
      errors.add(SF.REQUIRED_PROP, 'family', `must be a family with a supported runtime (NODEJS, PYTHON, JAVA, DOTNET_CORE, RUBY, OTHER) but was ${PropErrors.show(family)}`,
        'Pass `lambda.RuntimeFamily.NODEJS`, or name a runtime constant such as `lambda.Runtime.PROVIDED_AL2023`');
      errors.throwIfAny();
    }
    return newest!;
  }

  /** A role passed to a second SecureFunction is shared (SF019); sharing with plain functions is the audit's `SLS-IAM-ROLE-SHARED`. */
  private static checkRoleIsDedicated(props: SecureFunctionProps, errors: PropErrors): void {
    const owner = props?.role ? ROLE_OWNERS.get(props.role) : undefined;
    if (owner) {
      errors.add(SF.ROLE_SHARED, 'role', `must be dedicated to one function but is already used by ${owner}`,
        'Remove `role` and let SecureFunction create a dedicated role, then grant each function what it needs');
    }
  }

  /** Whether the function uses the stack's failure queue: neither its own dead-letter target nor a relaxation. */
  private static usesSharedFailureQueue(props: SecureFunctionProps): boolean {
    return !props.deadLetterQueue && !props.deadLetterTopic && props.deadLetterQueueEnabled !== false;
  }

  /** The props handed to `lambda.Function`: the user's, with our defaults and what SecureFunction wires itself removed. */
  private static functionProps(id: string, props: ReceivedFunctionProps, key: kms.IKey): lambda.FunctionProps {
    const applicationLogLevel = props.applicationLogLevelV2
      ?? (props.applicationLogLevel as lambda.ApplicationLogLevel | undefined) ?? D.applicationLogLevel;
    const tracingActive = props.tracing === undefined || props.tracing === lambda.Tracing.ACTIVE;
    const environment: { [key: string]: string } = {
      POWERTOOLS_SERVICE_NAME: props.serviceName ?? id,
      POWERTOOLS_LOG_LEVEL: applicationLogLevel,
      ...props.environment,
    };
    for (const [name, secret] of Object.entries(props.secrets ?? {})) {
      environment[name] = secret.reference;
    }
    // The deprecated v1 log props are folded into the v2 ones (aws-cdk-lib refuses both together).
    const { logFormat: _logFormat, applicationLogLevel: _app, systemLogLevel: _sys, ...rest } = props;
    return {
      ...rest,
      timeout: props.timeout ?? D.timeout,
      memorySize: props.memorySize ?? D.memorySize,
      architecture: props.architecture ?? D.architecture,
      // ACTIVE is set on the L1 (configureTracing): X-Ray permissions come from the stack's shared policy, not a DefaultPolicy statement.
      tracing: tracingActive ? undefined : props.tracing,
      recursiveLoop: props.recursiveLoop ?? D.recursiveLoop,
      loggingFormat: D.loggingFormat,
      applicationLogLevelV2: applicationLogLevel,
      systemLogLevelV2: props.systemLogLevelV2 ?? (props.systemLogLevel as lambda.SystemLogLevel | undefined) ?? D.systemLogLevel,
      environment,
      environmentEncryption: props.environmentEncryption ?? key,
      // The stack's failure queue is wired on the L1 (configureFailureQueue), with its permissions in a shared policy.
      deadLetterQueue: props.deadLetterQueue,
      deadLetterQueueEnabled: props.deadLetterQueueEnabled === false ? undefined : props.deadLetterQueueEnabled,
      // configured once (configureAsyncInvoke), with explicit values
      onFailure: undefined,
      onSuccess: undefined,
      retryAttempts: undefined,
      maxEventAge: undefined,
    };
  }

  /** The customer-managed key that encrypts the logs and the dead-letter queue. */
  public readonly encryptionKey: kms.IKey;
  /** The function's log group (encrypted, finite retention). */
  public readonly secureLogGroup: logs.ILogGroup;
  /**
   * The stack's shared failure queue (dead-letter queue and on-failure destination), encrypted with `encryptionKey`.
   *
   * @default - none when `deadLetterQueue` or `deadLetterTopic` is passed, or asynchronous failure handling is relaxed
   */
  public readonly secureDeadLetterQueue?: sqs.IQueue;

  private readonly secureProps: SecureFunctionProps;
  private readonly sharedFailureQueue?: SharedFailureQueue;
  private readonly health: HealthAlarm;
  private environmentBytes: number;
  private layerCount: number;
  private secureReady?: boolean;

  constructor(scope: Construct, id: string, props: SecureFunctionProps) {
    const errors = PropErrors.forChild(scope, id);
    const outcome = validateSecureFunctionProps(scope, props, errors);
    SecureFunction.checkRoleIsDedicated(props, errors);
    errors.throwIfAny();

    const key = props.encryptionKey ?? StackKey.of(scope);
    const failureQueue = SecureFunction.usesSharedFailureQueue(props) ? SharedFunctionBaseline.failureQueue(scope, key) : undefined;
    const parts = new OwnedParts(scope, id, {
      retention: props.logGroupRetention ?? D.logRetention,
      encryptionKey: key,
      passedRole: props.role,
      permissionsBoundary: props.permissionsBoundary,
      baselinePolicy: props.baselinePolicy ?? BaselinePolicyKind.INLINE,
      sharedPolicies: sharedPolicies(scope, failureQueue, props),
    });
    super(scope, id, parts.functionProps(SecureFunction.functionProps(id, props, key)));

    this.secureProps = props;
    this.encryptionKey = key;
    this.secureLogGroup = parts.logGroup.logGroup;
    this.secureDeadLetterQueue = failureQueue?.queue;
    this.sharedFailureQueue = failureQueue;
    this.environmentBytes = outcome.environmentBytes;
    this.layerCount = props.layers?.length ?? 0;

    this.configurePassedRole(parts);
    this.configureTracing();
    this.configureFailureQueue(failureQueue);
    this.configureSecrets();
    this.configureInvokeConfig(failureQueue);
    this.health = this.configureHealthAlarm();
    this.recordOutcome(outcome, errors);
    this.secureReady = true;
  }


  /**
   * Adds an environment variable; a secret-looking literal (or a token under a secret-looking name), a reserved or
   * invalid name, and a total over Lambda's 4 KB are refused.
   */
  public addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    if (this.secureReady) {
      const errors = PropErrors.for(this);
      const prop = `addEnvironment(${key})`;
      if (checkEnvironmentName(errors, prop, key)) {
        if (typeof value !== 'string') {
          errors.add(SF.ENV_NAME_INVALID, prop, `must be given a string value but was given ${PropErrors.show(value)}`, 'Pass the value as text');
        } else {
          const resolved = errors.resolveString(value).value ?? value;
          const problem = this.secureProps.relaxations?.notSecret?.[key] === undefined ? checkEnvironmentEntry(key, resolved) : undefined;
          if (problem) {
            errors.add(problem.code, prop, problem.problem, problem.fix);
          }
          const total = this.environmentBytes + byteLength(key) + byteLength(resolved.replace(/\$\{Token\[[^\]]+\]\}/g, ''));
          if (total > L.environmentBytes) {
            errors.add(SF.ENV_TOO_LARGE, prop, `would bring the environment to ${total} bytes, over Lambda's 4 KB`,
              'Keep configuration out of the environment: store it in SSM Parameter Store or AppConfig and pass its name');
          }
          if (!errors.hasProblems) this.environmentBytes = total;
        }
      }
      errors.throwIfAny();
    }
    return super.addEnvironment(key, value, options);
  }

  /**
   * Adds layers; each must come from this account or `allowedLayerAccounts`, at most five in all.
   */
  public addLayers(...layers: lambda.ILayerVersion[]): void {
    if (this.secureReady) {
      const errors = PropErrors.for(this);
      if (this.layerCount + layers.length > L.layers.max) {
        errors.add(SF.LAYERS_INVALID, 'addLayers', `would give the function ${this.layerCount + layers.length} layers, over the Lambda limit of ${L.layers.max}`,
          'Merge layers, or bundle the code into the function');
      }
      for (const layer of layers) {
        const problem = !layer || typeof layer.layerVersionArn !== 'string'
          ? `must be given lambda.ILayerVersion objects but was given ${PropErrors.show(layer)}`
          : checkLayerOrigin(this, layer, this.secureProps.allowedLayerAccounts ?? []) ?? incompatibleRuntime(layer, this.runtime);
        if (problem) {
          errors.add(SF.LAYER_ORIGIN, 'addLayers', problem, 'Publish the layer in this account, or add its account to `allowedLayerAccounts`');
        }
      }
      errors.throwIfAny();
      this.layerCount += layers.length;
    }
    super.addLayers(...layers);
  }

  /**
   * Adds a function URL. It uses `AWS_IAM` auth; `NONE` and a `*` CORS origin need `relaxations.publicUrl`.
   */
  public addFunctionUrl(options?: lambda.FunctionUrlOptions): lambda.FunctionUrl {
    const errors = PropErrors.for(this);
    const justification = this.secureProps.relaxations?.publicUrl;
    const isPublic = options?.authType === lambda.FunctionUrlAuthType.NONE;
    if (isPublic && justification === undefined) {
      errors.add(SF.URL_AUTH_NONE, 'addFunctionUrl.authType', 'must be AWS_IAM but was NONE (anyone on the internet could invoke the function)',
        'Remove `authType` (AWS_IAM is the default) and sign requests with SigV4, or set `relaxations.publicUrl` to a written justification');
    }
    const rawOrigins = options?.cors?.allowedOrigins ?? [];
    const origins = Array.isArray(rawOrigins) ? rawOrigins.map((o) => (typeof o === 'string' ? errors.resolveString(o).value ?? o : o)) : [];
    if (!Array.isArray(rawOrigins) || origins.some((o) => typeof o !== 'string' || o.trim().length === 0)) {
      errors.add(SF.URL_CORS_ANY_ORIGIN, 'addFunctionUrl.cors.allowedOrigins', `must be a list of origins but was ${PropErrors.show(rawOrigins)}`,
        'List the origins that may call the URL (`https://app.example.com`)');
    } else if (origins.includes('*') && (justification === undefined || options?.cors?.allowCredentials)) {
      errors.add(SF.URL_CORS_ANY_ORIGIN, 'addFunctionUrl.cors.allowedOrigins', 'must list explicit origins but contains *',
        'List the origins that may call the URL (`https://app.example.com`)');
    }
    errors.throwIfAny();
    const url = super.addFunctionUrl(options);
    if (isPublic && justification !== undefined) {
      Relaxation.record(url, RuleIds.LAMBDA_URL_AUTH, justification);
    }
    return url;
  }

  /**
   * The health alarm: errors, throttles, or the slowest invocation above 90% of the timeout (one metric-math alarm).
   */
  public get healthAlarm(): cloudwatch.IAlarm {
    return this.health.alarm;
  }

  /** A role the user passed gets what a dedicated role has: writing to the log group, and the shared policies. */
  private configurePassedRole(parts: OwnedParts): void {
    const passed = this.secureProps.role;
    if (!passed) return;
    ROLE_OWNERS.set(passed, this.node.path);
    passed.addToPrincipalPolicy(parts.writeOwnLogGroup());
    for (const policy of sharedPolicies(this, this.sharedFailureQueue, this.secureProps)) {
      passed.addManagedPolicy(policy);
    }
  }

  /** X-Ray `Active` on the L1: its permissions are the stack's shared X-Ray policy, not a statement per function. */
  private configureTracing(): void {
    const tracing = this.secureProps.tracing;
    if (tracing === undefined || tracing === lambda.Tracing.ACTIVE) {
      (this.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: lambda.Tracing.ACTIVE };
    }
  }

  /** The stack's failure queue as the dead-letter queue (`lambda.Function` sets `deadLetterQueue` only when it wires one itself). */
  private configureFailureQueue(failureQueue: SharedFailureQueue | undefined): void {
    if (!failureQueue) return;
    (this.node.defaultChild as lambda.CfnFunction).deadLetterConfig = { targetArn: failureQueue.queue.queueArn };
    (this as { deadLetterQueue?: sqs.IQueue }).deadLetterQueue = failureQueue.queue;
  }

  /** Secrets: exactly those, read-only. */
  private configureSecrets(): void {
    for (const secret of Object.values(this.secureProps.secrets ?? {})) {
      secret.grantRead(this);
    }
  }

  /** Asynchronous invocations: explicit retries and event age, failures to the DLQ (or the user's destination). */
  private configureInvokeConfig(failureQueue: SharedFailureQueue | undefined): void {
    const props = this.secureProps;
    const onFailure = props.onFailure
      ?? (failureQueue ? new BaselineQueueDestination(failureQueue.queue)
        : props.deadLetterQueue ? new destinations.SqsDestination(props.deadLetterQueue)
          : props.deadLetterTopic ? new destinations.SnsDestination(props.deadLetterTopic) : undefined);
    createAsyncInvokeConfig(this, {
      retryAttempts: props.retryAttempts ?? D.retryAttempts,
      maxEventAge: props.maxEventAge ?? D.maxEventAge,
      onFailure,
      onSuccess: props.onSuccess,
    });
  }

  /** The health alarm, with `alarmAction`, or an acknowledgeable warning without one. */
  private configureHealthAlarm(): HealthAlarm {
    const health = new HealthAlarm(this, 'HealthAlarm', {
      cfnFunction: this.node.defaultChild as lambda.CfnFunction,
      functionPath: this.node.path,
      timeout: this.secureProps.timeout ?? D.timeout,
    });
    const action = this.secureProps.alarmAction;
    if (action) {
      this.attachAlarmAction(health, action);
    } else {
      Validations.of(this).addWarning(RuleIds.qualified(RuleIds.LAMBDA_ALARMS),
        'The health alarm has no action: set `alarmAction` (for example an SnsAction) so someone is told, or acknowledge this warning.');
    }
    return health;
  }

  /**
   * Binds the action to the health alarm and to the stack's failure-queue alarm. An action that cannot be bound twice
   * (a `LambdaAction` names its Lambda permission after the alarm's id, the same for every function) would otherwise
   * fail deep inside aws-cdk-lib with a duplicate construct name; it fails here with the fix instead.
   */
  private attachAlarmAction(health: HealthAlarm, action: cloudwatch.IAlarmAction): void {
    try {
      health.addAlarmAction(action);
      this.sharedFailureQueue?.notify(action);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const errors = PropErrors.for(this);
      errors.add(SF.ALARM_ACTION_UNBINDABLE, 'alarmAction', `cannot be attached to the function's health alarm and the stack's failure-queue alarm (${reason})`,
        /AlarmPermission/.test(reason)
          ? 'A LambdaAction names the Lambda permission it creates after the alarm, and these alarms have the same id in every SecureFunction: create it with `new LambdaAction(fn, { useUniquePermissionId: true })`, or notify through a topic (`SnsAction`).'
          : 'Use an action that can be bound to several alarms, such as an `SnsAction` on a topic.');
      errors.throwIfAny();
    }
  }

  /** Accepted relaxations as acknowledgements on exactly the resource concerned; warnings on the function. */
  private recordOutcome(outcome: ValidationOutcome, errors: PropErrors): void {
    const cfnFunction = this.node.defaultChild as lambda.CfnFunction;
    for (const [ruleId, justification] of outcome.relaxations) {
      const onRole = INITIAL_POLICY_RULES.some((rule) => ruleId === rule.id || ruleId.startsWith(`${rule.id}[`));
      Relaxation.record(onRole ? this.role! : cfnFunction, ruleId, justification);
    }
    for (const [ruleId, message] of outcome.warnings) {
      Validations.of(this).addWarning(RuleIds.qualified(ruleId), message);
    }
    errors.warnUndecided(this);
  }
}

/** The version part of a runtime identifier (`nodejs26.x` gives `26.x`), compared as cdk-nag compares it. */
function versionOf(runtime: string): string {
  return /^[a-z]+(\d+(\.?\d+|\.x)?)?/.exec(runtime)?.[1] ?? '0';
}

/** Why `layer` cannot be used with `runtime` (aws-cdk-lib would refuse it with its own error), or undefined. */
export function incompatibleRuntime(layer: lambda.ILayerVersion, runtime: lambda.Runtime | undefined): string | undefined {
  if (!runtime || !layer.compatibleRuntimes || layer.compatibleRuntimes.some((r) => r.runtimeEquals(runtime))) return undefined;
  return `must be compatible with ${runtime.name} but ${layer.node.path} supports only ${layer.compatibleRuntimes.map((r) => r.name).join(', ')}`;
}

/**
 * The stack-wide policies a function's role gets: sending to the failure queue, and X-Ray and VPC network
 * interfaces (the `Resource: *` actions AWS requires), each only when the function uses it.
 */
function sharedPolicies(scope: IConstruct, shared: SharedFailureQueue | undefined, props: SecureFunctionProps): iam.IManagedPolicy[] {
  const policies: iam.IManagedPolicy[] = [];
  if (shared) policies.push(shared.sendPolicy);
  if (props.tracing === undefined || props.tracing === lambda.Tracing.ACTIVE) policies.push(SharedFunctionBaseline.xrayPolicy(scope));
  if (props.vpc) policies.push(SharedFunctionBaseline.vpcPolicy(scope));
  return policies;
}
