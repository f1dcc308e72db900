import { Duration, aws_cloudwatch as cloudwatch, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs, aws_sqs as sqs } from 'aws-cdk-lib';
import type { FunctionSecret } from './function-secret';

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

  // --- aws-cdk-lib props whose default SecureFunction changes, re-declared so API docs and IDEs show OUR default.

  /**
   * The longest one invocation may run (1 second to 15 minutes, whole seconds; SF001).
   *
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;

  /**
   * Memory in MB (128 to 10,240, a whole number; SF002). CPU scales with it.
   *
   * @default 512
   */
  readonly memorySize?: number;

  /**
   * The instruction set.
   *
   * @default lambda.Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;

  /**
   * X-Ray tracing. Anything but `ACTIVE` needs `relaxations.tracing` (SF009).
   *
   * @default lambda.Tracing.ACTIVE
   */
  readonly tracing?: lambda.Tracing;

  /**
   * The log format. Only `JSON` is accepted (SF012).
   *
   * @default lambda.LoggingFormat.JSON
   */
  readonly loggingFormat?: lambda.LoggingFormat;

  /**
   * The application log level Lambda filters on (JSON logs).
   *
   * @default lambda.ApplicationLogLevel.INFO
   */
  readonly applicationLogLevelV2?: lambda.ApplicationLogLevel;

  /**
   * The platform (START, END, REPORT) log level.
   *
   * @default lambda.SystemLogLevel.INFO
   */
  readonly systemLogLevelV2?: lambda.SystemLogLevel;

  /**
   * Recursive-loop detection. `ALLOW` needs `relaxations.recursiveLoop` (SF013).
   *
   * @default lambda.RecursiveLoop.TERMINATE
   */
  readonly recursiveLoop?: lambda.RecursiveLoop;

  /**
   * The key that encrypts the environment variables.
   *
   * @default - `encryptionKey` (the stack's shared customer-managed key unless you pass one)
   */
  readonly environmentEncryption?: kms.IKeyRef;

  /**
   * The execution role. A role you pass must not be passed to another SecureFunction (SF019); it is given write
   * access to the function's log group.
   *
   * @default - a dedicated role under the function (`<function>/ServiceRole`) with no AWS-managed policy: an inline
   * policy writing to the function's own log group only, and the stack's shared failure-queue and X-Ray policies
   */
  readonly role?: iam.IRole;

  /**
   * Refused (SF011): SecureFunction creates its own encrypted log group.
   *
   * @default - a log group under the function (`<function>/LogGroup`), encrypted with `encryptionKey`, retained for
   * `logGroupRetention`, kept when the stack is deleted
   */
  readonly logGroup?: logs.ILogGroupRef;

  /**
   * The dead-letter queue of asynchronous invocations.
   *
   * @default - the stack's shared encrypted, TLS-only failure queue (`SecureFunctionFailures`)
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * Whether asynchronous invocations have a dead-letter queue. `false` needs `relaxations.asyncFailure` (SF015).
   *
   * @default true
   */
  readonly deadLetterQueueEnabled?: boolean;

  /**
   * Retries of a failed asynchronous invocation (0 to 2; SF014).
   *
   * @default 2
   */
  readonly retryAttempts?: number;

  /**
   * The age after which an asynchronous event is not retried but sent to the on-failure destination (1 minute to 6
   * hours; SF014).
   *
   * @default Duration.hours(6)
   */
  readonly maxEventAge?: Duration;

  /**
   * Where failed asynchronous invocations go.
   *
   * @default - the dead-letter queue (`deadLetterQueue`, else the stack's failure queue), or `deadLetterTopic`
   */
  readonly onFailure?: lambda.IDestination;
}
