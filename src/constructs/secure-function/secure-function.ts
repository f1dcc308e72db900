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
import { SECURE_FUNCTION_DEFAULTS as D } from './defaults';
import { FunctionSecret } from './function-secret';
import { SF, checkEnvironmentEntry, checkLayerOrigin, validateSecureFunctionProps } from './validate';
import { RequiredWildcardActions } from '../../shared/iam-wildcards';
import { PropErrors } from '../common/prop-errors';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

/** Where the baseline permissions (logs, X-Ray, dead-letter queue, VPC) of the role live. */
export enum BaselinePolicyKind {
  /** An inline policy of the role: no extra resource (7 resources per function before grants). */
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
   * `SnsAction`.
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
 * role, log group and dead-letter queue in its constructor, those three are created just before it, as siblings
 * named `<id>ServiceRole`, `<id>LogGroup` and `<id>DeadLetterQueue`; everything else is a child.
 *
 * Secure defaults (see `defaults.ts` and the README): dedicated role without AWS-managed policies, encrypted log
 * group with finite retention, JSON logs, X-Ray active, environment encrypted with a customer-managed key, secrets by
 * reference only, supported runtime, explicit timeout and memory on arm64, recursive loops terminated, an encrypted
 * TLS-only dead-letter queue as both DLQ and on-failure destination with explicit retries and event age, IAM-only
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
   * The health alarm: errors, throttles, or the slowest invocation above 90% of the timeout.
   */
  public readonly healthAlarm: cloudwatch.Alarm;
  /**
   * The dead-letter queue created by the construct.
   *
   * @default - none when `deadLetterQueue` or `deadLetterTopic` is passed, or asynchronous failure handling is relaxed
   */
  public readonly secureDeadLetterQueue?: sqs.IQueue;

  private readonly secureProps: SecureFunctionProps;
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
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: props.logGroupRetention ?? D.logRetention,
      encryptionKey: key,
    });

    const relaxedAsync = props.deadLetterQueueEnabled === false;
    let dlq: sqs.IQueue | undefined = props.deadLetterQueue;
    let createdDlq: sqs.Queue | undefined;
    if (!dlq && !props.deadLetterTopic && !relaxedAsync) {
      createdDlq = new sqs.Queue(scope, `${id}DeadLetterQueue`, {
        encryption: sqs.QueueEncryption.KMS,
        encryptionMasterKey: key,
        enforceSSL: true,
        retentionPeriod: D.deadLetterQueueRetention,
      });
      dlq = createdDlq;
    }

    const baseline = baselineStatements(logGroup, createdDlq, key, props);
    const managedBaseline = props.baselinePolicy === BaselinePolicyKind.CUSTOMER_MANAGED;
    const role = props.role ?? new iam.Role(scope, `${id}ServiceRole`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Dedicated execution role of ${scope.node.path}/${id} (cdk-secure-serverless)`,
      permissionsBoundary: props.permissionsBoundary,
      inlinePolicies: managedBaseline ? undefined : { SecureFunctionBaseline: new iam.PolicyDocument({ statements: baseline }) },
    });
    let baselineHolder: IConstruct | undefined;
    if (props.role) {
      baseline.forEach((s) => role.addToPrincipalPolicy(s));
    } else if (managedBaseline) {
      const policy = new iam.ManagedPolicy(scope, `${id}BaselinePolicy`, {
        description: `Baseline permissions of ${scope.node.path}/${id} (cdk-secure-serverless)`,
        statements: baseline,
        roles: [role],
      });
      baselineHolder = policy.node.defaultChild;
    } else {
      baselineHolder = role.node.defaultChild;
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
      // ACTIVE is set on the L1 below, so that the X-Ray statement lands in the baseline policy, not DefaultPolicy.
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
      deadLetterQueue: createdDlq ? undefined : props.deadLetterQueue,
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
    this.secureDeadLetterQueue = createdDlq;

    const cfnFunction = this.node.defaultChild as lambda.CfnFunction;
    if (tracingActive) {
      cfnFunction.tracingConfig = { mode: lambda.Tracing.ACTIVE };
    }
    if (createdDlq) {
      cfnFunction.deadLetterConfig = { targetArn: createdDlq.queueArn };
      // lambda.Function only sets this property when it wires the queue itself.
      (this as { deadLetterQueue?: sqs.IQueue }).deadLetterQueue = createdDlq;
    }

    // Secrets: exactly those, read-only.
    for (const secret of Object.values(props.secrets ?? {})) {
      secret.grantRead(this);
    }

    // Asynchronous invocations: explicit retries and event age, failures to the DLQ (or the user's destination).
    const onFailure = props.onFailure
      ?? (createdDlq ? new BaselineQueueDestination(createdDlq)
        : dlq ? new destinations.SqsDestination(dlq)
          : props.deadLetterTopic ? new destinations.SnsDestination(props.deadLetterTopic) : undefined);
    this.configureAsyncInvoke({
      retryAttempts: props.retryAttempts ?? D.retryAttempts,
      maxEventAge: props.maxEventAge ?? D.maxEventAge,
      onFailure,
      onSuccess: props.onSuccess,
    });

    this.healthAlarm = this.createHealthAlarm(props);

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

    this.acknowledgeUnavoidableFindings(baselineHolder, createdDlq);
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
   * One metric-math alarm instead of three (errors, throttles, duration near the timeout): it keeps the resource
   * budget at 8 per function and still pages on any of the three signals; the alarm description says which to check.
   */
  private createHealthAlarm(props: SecureFunctionProps): cloudwatch.Alarm {
    const period = D.alarmPeriod;
    const timeoutMs = (props.timeout ?? D.timeout).toMilliseconds();
    const nearTimeoutMs = Math.floor(timeoutMs * D.durationAlarmFraction);
    const expression = new cloudwatch.MathExpression({
      expression: `FILL(errors, 0) + FILL(throttles, 0) + IF(FILL(duration, 0) >= ${nearTimeoutMs}, 1, 0)`,
      usingMetrics: {
        errors: this.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
        throttles: this.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
        duration: this.metricDuration({ period, statistic: cloudwatch.Stats.MAXIMUM }),
      },
      period,
      label: 'errors + throttles + near-timeout',
    });
    const alarm = new cloudwatch.Alarm(this, 'HealthAlarm', {
      metric: expression,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${this.node.path}: an invocation errored or was throttled, or the slowest invocation took over `
        + `${nearTimeoutMs} ms (90% of the ${timeoutMs} ms timeout) in the last ${period.toMinutes()} minutes. `
        + 'Check the Errors, Throttles and Duration metrics and the dead-letter queue.',
    });
    if (props.alarmAction) {
      alarm.addAlarmAction(props.alarmAction);
    } else {
      Validations.of(this).addWarning(RuleIds.qualified(RuleIds.LAMBDA_ALARMS),
        'The health alarm has no action: set `alarmAction` (for example an SnsAction) so someone is told, or acknowledge this warning.');
    }
    return alarm;
  }

  /**
   * The cdk-nag findings that AWS (or cdk-nag's own model) makes unavoidable, acknowledged here and only here, each
   * on exactly the resource concerned, with its reason.
   */
  private acknowledgeUnavoidableFindings(baselineHolder: IConstruct | undefined, dlq: sqs.Queue | undefined): void {
    if (baselineHolder) {
      // The baseline lives in its own policy (inline in the role, or a managed policy), so these acknowledgements
      // cover only the baseline statements: grants made later go to the separate DefaultPolicy resource and stay
      // visible to cdk-nag.
      const reasons = RequiredWildcardActions.all()
        .filter((g) => g.id === 'xray-write' || (g.id === 'vpc-eni' && this.secureProps.vpc !== undefined))
        .map((g) => g.justification)
        .join(' ');
      const tracingActive = this.secureProps.tracing === undefined || this.secureProps.tracing === lambda.Tracing.ACTIVE;
      if (tracingActive || this.secureProps.vpc) {
        Validations.of(baselineHolder).acknowledge(
          { id: 'AwsSolutions-IAM5[Resource::*]', reason: reasons },
          { id: 'Serverless-LambdaStarPermissions', reason: `The role's inline baseline policy uses Resource "*" only for actions AWS requires it for. ${reasons}` },
        );
      }
    }
    if (dlq) {
      const cfnQueue = dlq.node.defaultChild as sqs.CfnQueue;
      const reason = 'This queue is the dead-letter queue (and on-failure destination) of a Lambda function. A '
        + 'dead-letter queue of a dead-letter queue would move failed events away from where operators inspect and '
        + 'redrive them.';
      Validations.of(cfnQueue).acknowledge(
        { id: 'AwsSolutions-SQS3', reason },
        { id: 'Serverless-SQSRedrivePolicy', reason },
      );
    }
  }
}

/** Logs (own log group only), X-Ray and, in a VPC, network interfaces: the only permissions granted up front. */
function baselineStatements(
  logGroup: logs.ILogGroup, dlq: sqs.IQueue | undefined, key: kms.IKey, props: SecureFunctionProps): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({
      sid: 'WriteOwnLogGroup',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  ];
  if (dlq) {
    // Exactly what sending to a KMS-encrypted queue needs (SQS developer guide, "Key management"), no wildcards.
    statements.push(new iam.PolicyStatement({ sid: 'SendToOwnDeadLetterQueue', actions: ['sqs:SendMessage'], resources: [dlq.queueArn] }));
    statements.push(new iam.PolicyStatement({ sid: 'EncryptForOwnDeadLetterQueue', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
  }
  if (props.tracing === undefined || props.tracing === lambda.Tracing.ACTIVE) {
    statements.push(new iam.PolicyStatement({ sid: 'XRayWrite', actions: RequiredWildcardActions.xray().actions, resources: ['*'] }));
  }
  if (props.vpc) {
    statements.push(new iam.PolicyStatement({ sid: 'VpcNetworkInterfaces', actions: RequiredWildcardActions.vpcNetworkInterfaces().actions, resources: ['*'] }));
  }
  return statements;
}
