import { aws_cloudwatch as cloudwatch, aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
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
 * Props of `SecureFunction`: every `lambda.FunctionProps` prop (so adopting it is changing a class name), plus the
 * props below.
 *
 * The defaults SecureFunction applies differ from the `@default` that `lambda.FunctionProps` documents on each
 * inherited prop (jsii cannot re-declare an inherited prop, JSII5015, so they are listed here):
 *
 * - `timeout`: `Duration.seconds(10)` (not 3 s); 1 s to 15 min in whole seconds (SF001)
 * - `memorySize`: `512` MB (not 128); 128 to 10240 (SF002)
 * - `architecture`: `lambda.Architecture.ARM_64` (not X86_64)
 * - `tracing`: `lambda.Tracing.ACTIVE` (not disabled); anything else needs `relaxations.tracing` (SF009)
 * - `loggingFormat`: `lambda.LoggingFormat.JSON` (not TEXT), the only one accepted (SF012)
 * - `applicationLogLevelV2` and `systemLogLevelV2`: `INFO`
 * - `recursiveLoop`: `lambda.RecursiveLoop.TERMINATE`; `ALLOW` needs `relaxations.recursiveLoop` (SF013)
 * - `environmentEncryption`: `encryptionKey` (the stack's customer-managed key), not the AWS-managed key
 * - `role`: a dedicated role under the function (`<function>/ServiceRole`) with no AWS-managed policy (not
 *   `AWSLambdaBasicExecutionRole`); a role you pass must not be shared (SF019)
 * - `logGroup`: refused (SF011): a log group under the function (`<function>/LogGroup`), encrypted, retained for
 *   `logGroupRetention` (not `/aws/lambda/<name>` kept forever)
 * - `deadLetterQueue` / `deadLetterQueueEnabled`: the stack's encrypted, TLS-only failure queue (not none);
 *   `deadLetterQueueEnabled: false` needs `relaxations.asyncFailure` (SF015)
 * - `onFailure`: the dead-letter queue (not none)
 * - `retryAttempts`: `2`, `maxEventAge`: `Duration.hours(6)`, written explicitly (SF014)
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
