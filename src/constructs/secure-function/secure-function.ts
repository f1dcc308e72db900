import {
  Stack,
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
import { SECURE_FUNCTION_DEFAULTS as D } from './defaults';
import { FunctionLogGroup } from './function-log-group';
import { FunctionSecret } from './function-secret';
import { HealthAlarm } from './health-alarm';
import { SharedFailureQueue, SharedFunctionBaseline } from './shared-baseline';
import { SF, checkEnvironmentEntry, checkLayerOrigin, validateSecureFunctionProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

/** Where the role's own baseline permission (writing to its log group) lives. */
export enum BaselinePolicyKind {
  /** An inline policy of the role: no extra resource (5 resources per function before grants). */
  INLINE = 'inline',
  /**
   * A customer-managed policy attached to the role (+1 resource). Clears the HIPAA / NIST 800-53 R5 / PCI DSS
   * `IAMNoInlinePolicy` finding for the baseline (grants made later still go to an inline `DefaultPolicy`).
   */
  CUSTOMER_MANAGED = 'customer-managed',
}

/**
 * Written justifications that relax a secure default of `SecureFunction`. Each is at least 10 characters, and is
 * recorded as an acknowledgement of the matching audit rule on exactly the resource concerned, so the audit report
 * lists it as an acknowledged exception.
 */
export interface SecureFunctionRelaxations {
  /**
   * Allows `addFunctionUrl({ authType: FunctionUrlAuthType.NONE })` and a `*` CORS origin (without credentials).
   * Recorded as `SLS-LAMBDA-URL-AUTH` on the URL.
   *
   * @default - function URLs must use AWS_IAM auth and explicit CORS origins
   */
  readonly publicUrl?: string;
  /**
   * Allows `tracing` other than `ACTIVE`. Recorded as `SLS-LAMBDA-TRACING`.
   *
   * @default - tracing must be ACTIVE
   */
  readonly tracing?: string;
  /**
   * Allows `recursiveLoop: RecursiveLoop.ALLOW`. Recorded as `SLS-LAMBDA-RECURSIVE-LOOP`.
   *
   * @default - recursive loops are terminated
   */
  readonly recursiveLoop?: string;
  /**
   * Allows `deadLetterQueueEnabled: false` (no dead-letter queue and no on-failure destination).
   * Recorded as `SLS-LAMBDA-ASYNC-FAILURE`.
   *
   * @default - a dead-letter queue and an on-failure destination are required
   */
  readonly asyncFailure?: string;
  /**
   * Allows `initialPolicy` statements with `*` resources, `*` or `service:*` actions, `NotAction` or `NotResource`.
   * Recorded as `SLS-IAM-WILDCARD-RESOURCE`.
   *
   * @default - initial policies must be specific
   */
  readonly wildcardPolicy?: string;
  /**
   * Environment variables that the secret detector flags but that are not secrets, mapped to why (false positives,
   * for example a public key or a high-entropy build id). Recorded as `SLS-LAMBDA-ENV-SECRET[<name>]`.
   *
   * @default - every flagged variable is an error
   */
  readonly notSecret?: { [name: string]: string };
}

/**
 * Props of `SecureFunction`: every `lambda.FunctionProps` prop (so adopting it is changing a class name), with
 * secure defaults, plus the props below.
 */
export interface SecureFunctionProps extends lambda.FunctionProps {
  /**
   * Secrets the function reads at run time, by environment variable name. The variable receives the secret ARN (or
   * parameter name) and the function is granted read on exactly that secret.
   *
   * @default - no secrets
   */
  readonly secrets?: { [name: string]: FunctionSecret };

  /**
   * The customer-managed key that encrypts the log group and the dead-letter queue, and the environment unless
   * `environmentEncryption` is set. A key you pass must allow CloudWatch Logs (`logs.<region>.amazonaws.com`) to use it.
   *
   * @default - the stack's shared key (`StackKey.of(this)`), one per stack, with rotation
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Retention of the function's log group. `INFINITE` is refused.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logGroupRetention?: logs.RetentionDays;

  /**
   * The action of the function's health alarm (errors, throttles, or duration near the timeout), for example an
   * `SnsAction`. It also joins the actions of the stack's failure-queue alarm. A `LambdaAction` must be created with
   * `useUniquePermissionId: true`, since it is bound to several alarms (SF024 otherwise).
   *
   * @default - no action, and an acknowledgeable warning `ServerlessSecurityChecks::SLS-LAMBDA-ALARMS`
   */
  readonly alarmAction?: cloudwatch.IAlarmAction;

  /**
   * Accounts whose layers the function may use, besides its own account (for example the account of a vendor's
   * public layer).
   *
   * @default - only layers of the function's own account
   */
  readonly allowedLayerAccounts?: string[];

  /**
   * A permissions boundary for the function's role.
   *
   * @default - no boundary
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * `POWERTOOLS_SERVICE_NAME` of the function.
   *
   * @default - the construct id
   */
  readonly serviceName?: string;

  /**
   * Where the role's baseline permissions live.
   *
   * @default BaselinePolicyKind.INLINE
   */
  readonly baselinePolicy?: BaselinePolicyKind;

  /**
   * Written justifications that relax secure defaults.
   *
   * @default - no relaxation
   */
  readonly relaxations?: SecureFunctionRelaxations;
}

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
 * integrations, metrics, aliases), and adopting it is changing one class name. Because `lambda.Function` decides its
 * role and log group in its constructor, those two are created just before it, as siblings named `<id>ServiceRole`
 * and `<id>LogGroup`; everything else is a child, except what every function of the stack shares (the failure queue
 * and the policies for it, X-Ray and VPC network interfaces), created once per stack.
 *
 * Secure defaults (see `defaults.ts` and the README): dedicated role without AWS-managed policies, encrypted log
 * group with finite retention, JSON logs, X-Ray active, environment encrypted with a customer-managed key, secrets by
 * reference only, supported runtime, explicit timeout and memory on arm64, recursive loops terminated, an encrypted
 * TLS-only failure queue (one per stack) as both DLQ and on-failure destination with explicit retries and event age, IAM-only
 * function URLs, layers from allowed accounts only, and one health alarm.
 *
 * Invalid or insecure props fail the synth with one `SecureConstructValidationError` listing every problem (codes
 * `SF0xx`).
 */
export class SecureFunction extends lambda.Function {
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
  private secureReady?: boolean;

  constructor(scope: Construct, id: string, props: SecureFunctionProps) {
    const errors = new PropErrors(scope.node.path ? `${scope.node.path}/${id}` : id);
    const outcome = validateSecureFunctionProps(scope, props, errors);
    if (props.role) {
      const owner = ROLE_OWNERS.get(props.role);
      if (owner) {
        errors.add(SF.ROLE_SHARED, 'role', `must be dedicated to one function but is already used by ${owner}`,
          'Remove `role` and let SecureFunction create a dedicated role, then grant each function what it needs');
      }
    }
    errors.throwIfAny();

    const key = props.encryptionKey ?? StackKey.of(scope);
    const functionLogGroup = new FunctionLogGroup(scope, `${id}LogGroup`, {
      retention: props.logGroupRetention ?? D.logRetention,
      encryptionKey: key,
    });
    const logGroup = functionLogGroup.logGroup;
    const ownLogGroupArn = functionLogGroup.resource.attrArn;

    const relaxedAsync = props.deadLetterQueueEnabled === false;
    const shared = !props.deadLetterQueue && !props.deadLetterTopic && !relaxedAsync
      ? SharedFunctionBaseline.failureQueue(scope, key) : undefined;
    const dlq: sqs.IQueue | undefined = props.deadLetterQueue ?? shared?.queue;

    const role = props.role ?? new iam.Role(scope, `${id}ServiceRole`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Dedicated execution role of ${scope.node.path}/${id} (cdk-secure-serverless)`,
      permissionsBoundary: props.permissionsBoundary,
      inlinePolicies: props.role || props.baselinePolicy === BaselinePolicyKind.CUSTOMER_MANAGED
        ? undefined : { SecureFunctionBaseline: new iam.PolicyDocument({ statements: [writeOwnLogGroup(ownLogGroupArn)] }) },
    });
    if (props.role) {
      role.addToPrincipalPolicy(writeOwnLogGroup(ownLogGroupArn));
    } else if (props.baselinePolicy === BaselinePolicyKind.CUSTOMER_MANAGED) {
      new iam.ManagedPolicy(scope, `${id}BaselinePolicy`, {
        description: `Baseline permissions of ${scope.node.path}/${id} (cdk-secure-serverless)`,
        statements: [writeOwnLogGroup(ownLogGroupArn)],
        roles: [role],
      });
    }
    for (const policy of sharedPolicies(scope, shared, props)) {
      role.addManagedPolicy(policy);
    }

    const applicationLogLevel = props.applicationLogLevelV2 ?? D.applicationLogLevel;
    const environment: { [key: string]: string } = {
      POWERTOOLS_SERVICE_NAME: props.serviceName ?? id,
      POWERTOOLS_LOG_LEVEL: applicationLogLevel,
      ...props.environment,
    };
    for (const [name, secret] of Object.entries(props.secrets ?? {})) {
      environment[name] = secret.reference;
    }
    const tracingActive = props.tracing === undefined || props.tracing === lambda.Tracing.ACTIVE;

    super(scope, id, {
      ...props,
      timeout: props.timeout ?? D.timeout,
      memorySize: props.memorySize ?? D.memorySize,
      architecture: props.architecture ?? D.architecture,
      // ACTIVE is set on the L1 below: X-Ray permissions come from the stack's shared policy, not a DefaultPolicy statement.
      tracing: tracingActive ? undefined : props.tracing,
      recursiveLoop: props.recursiveLoop ?? D.recursiveLoop,
      loggingFormat: D.loggingFormat,
      applicationLogLevelV2: applicationLogLevel,
      systemLogLevelV2: props.systemLogLevelV2 ?? D.systemLogLevel,
      logGroup,
      role,
      environment,
      environmentEncryption: props.environmentEncryption ?? key,
      // A queue created here is wired on the L1 below, with its permissions in the baseline policy.
      deadLetterQueue: props.deadLetterQueue,
      deadLetterQueueEnabled: relaxedAsync ? undefined : props.deadLetterQueueEnabled,
      // configured once below, with explicit values
      onFailure: undefined,
      onSuccess: undefined,
      retryAttempts: undefined,
      maxEventAge: undefined,
    });
    this.secureProps = props;
    this.encryptionKey = key;
    this.secureLogGroup = logGroup;
    this.secureDeadLetterQueue = shared?.queue;
    this.sharedFailureQueue = shared;

    const cfnFunction = this.node.defaultChild as lambda.CfnFunction;
    if (tracingActive) {
      cfnFunction.tracingConfig = { mode: lambda.Tracing.ACTIVE };
    }
    if (shared) {
      cfnFunction.deadLetterConfig = { targetArn: shared.queue.queueArn };
      // lambda.Function only sets this property when it wires the queue itself.
      (this as { deadLetterQueue?: sqs.IQueue }).deadLetterQueue = shared.queue;
    }

    // Secrets: exactly those, read-only.
    for (const secret of Object.values(props.secrets ?? {})) {
      secret.grantRead(this);
    }

    // Asynchronous invocations: explicit retries and event age, failures to the DLQ (or the user's destination).
    const onFailure = props.onFailure
      ?? (shared ? new BaselineQueueDestination(shared.queue)
        : dlq ? new destinations.SqsDestination(dlq)
          : props.deadLetterTopic ? new destinations.SnsDestination(props.deadLetterTopic) : undefined);
    createAsyncInvokeConfig(this, {
      retryAttempts: props.retryAttempts ?? D.retryAttempts,
      maxEventAge: props.maxEventAge ?? D.maxEventAge,
      onFailure,
      onSuccess: props.onSuccess,
    });

    this.health = this.createHealthAlarm(props);

    // Role bookkeeping: a passed role must not be shared with any other function of the stack.
    if (props.role) {
      ROLE_OWNERS.set(props.role, this.node.path);
      const passedRole = props.role;
      this.node.addValidation({
        validate: () => Stack.of(this).node.findAll()
          .filter((c): c is lambda.Function => c instanceof lambda.Function && c !== this && c.role === passedRole)
          .map((c) => `[${SF.ROLE_SHARED}] ${this.node.path}: role must be dedicated to one function but is also used by ${c.node.path}. Remove \`role\` and let SecureFunction create a dedicated role.`),
      });
    }

    for (const [ruleId, justification] of outcome.relaxations) {
      Relaxation.record(ruleId.startsWith(RuleIds.IAM_WILDCARD_RESOURCE) ? role : cfnFunction, ruleId, justification);
    }
    for (const [ruleId, message] of outcome.warnings) {
      Validations.of(this).addWarning(RuleIds.qualified(ruleId), message);
    }
    this.secureReady = true;
  }

  /**
   * Adds an environment variable; a secret-looking literal (or a token under a secret-looking name) is refused.
   */
  public addEnvironment(key: string, value: string, options?: lambda.EnvironmentOptions): this {
    if (this.secureReady) {
      const problem = this.secureProps.relaxations?.notSecret?.[key] === undefined ? checkEnvironmentEntry(key, value) : undefined;
      if (problem) {
        const errors = PropErrors.for(this);
        errors.add(problem.code, `addEnvironment(${key})`, problem.problem, problem.fix);
        errors.throwIfAny();
      }
    }
    return super.addEnvironment(key, value, options);
  }

  /**
   * Adds layers; each must come from this account or `allowedLayerAccounts`.
   */
  public addLayers(...layers: lambda.ILayerVersion[]): void {
    if (this.secureReady) {
      const errors = PropErrors.for(this);
      for (const layer of layers) {
        const problem = checkLayerOrigin(this, layer, this.secureProps.allowedLayerAccounts ?? []);
        if (problem) {
          errors.add(SF.LAYER_ORIGIN, 'addLayers', problem, 'Publish the layer in this account, or add its account to `allowedLayerAccounts`');
        }
      }
      errors.throwIfAny();
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
    const origins = options?.cors?.allowedOrigins ?? [];
    if (origins.includes('*') && (justification === undefined || options?.cors?.allowCredentials)) {
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

  private createHealthAlarm(props: SecureFunctionProps): HealthAlarm {
    const health = new HealthAlarm(this, 'HealthAlarm', {
      cfnFunction: this.node.defaultChild as lambda.CfnFunction,
      functionPath: this.node.path,
      timeout: props.timeout ?? D.timeout,
    });
    if (props.alarmAction) {
      this.attachAlarmAction(health, props.alarmAction);
    } else {
      Validations.of(this).addWarning(RuleIds.qualified(RuleIds.LAMBDA_ALARMS),
        'The health alarm has no action: set `alarmAction` (for example an SnsAction) so someone is told, or acknowledge this warning.');
    }
    return health;
  }
}

/** The one permission each function's role holds up front: writing to its own log group. */
function writeOwnLogGroup(logGroupArn: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'WriteOwnLogGroup',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroupArn],
  });
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
