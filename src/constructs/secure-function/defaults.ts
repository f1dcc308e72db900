import { Duration, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureFunction`, one line per default, each with the threat (THREATS.md) it answers and
 * how to relax it. The construct reads every default from here; the README table is written from this object.
 */
export const SECURE_FUNCTION_DEFAULTS = {
  /** T3 denial of wallet: a hung invocation stops after 10 s, not 15 min. Relax: `timeout` (1 s to 15 min). */
  timeout: Duration.seconds(10),
  /** T3: explicit memory (CPU scales with it), so cost and behaviour are reviewed. Relax: `memorySize` (128 to 10240 MB). */
  memorySize: 512,
  /** T3: Graviton, cheaper per invocation (denial of wallet). Relax: `architecture`. */
  architecture: lambda.Architecture.ARM_64,
  /** T6: X-Ray traces every invocation. Relax: `tracing` + `relaxations.tracing`. */
  tracing: lambda.Tracing.ACTIVE,
  /** T3: a recursive loop (function -> queue -> function) is stopped by Lambda. Relax: `recursiveLoop` + `relaxations.recursiveLoop`. */
  recursiveLoop: lambda.RecursiveLoop.TERMINATE,
  /** T6: structured JSON logs that Logs Insights can query by level and request id. Not relaxable. */
  loggingFormat: lambda.LoggingFormat.JSON,
  /** T6: application log level filtered by Lambda itself. Relax: `applicationLogLevelV2`. */
  applicationLogLevel: lambda.ApplicationLogLevel.INFO,
  /** T6: platform (START/END/REPORT) log level. Relax: `systemLogLevelV2`. */
  systemLogLevel: lambda.SystemLogLevel.INFO,
  /**
   * T6: logs kept one year (audit trails, PCI DSS 10.7 asks for one year), then deleted. Relax: `logRetention`
   * (any finite value; `INFINITE` is refused).
   */
  logRetention: logs.RetentionDays.ONE_YEAR,
  /** T6: asynchronous events are retried twice, explicitly, then go to the dead-letter queue. Relax: `retryAttempts` (0 to 2). */
  retryAttempts: 2,
  /**
   * T6: asynchronous events older than 6 hours are not processed any more but sent to the dead-letter queue, so
   * nothing is lost silently. Relax: `maxEventAge` (1 min to 6 h).
   */
  maxEventAge: Duration.hours(6),
  /** T6: failed asynchronous events kept 14 days (the SQS maximum) for inspection and redrive. Not relaxable. */
  deadLetterQueueRetention: Duration.days(14),
  /**
   * T6: the health alarm fires when one invocation errors or is throttled in a 5-minute period, or when the slowest
   * invocation used 90% of the timeout (it is about to time out).
   */
  alarmPeriod: Duration.minutes(5),
  /** Fraction of the timeout from which the slowest invocation counts as "near the timeout". */
  durationAlarmFraction: 0.9,
  /** T5: minimum length of a written justification when a secure default is relaxed. */
  minJustificationLength: 10,
} as const;

/** Ranges accepted by validation, with the AWS limits they come from. */
export const SECURE_FUNCTION_LIMITS = {
  /** Lambda: 1 s to 900 s. */
  timeoutSeconds: { min: 1, max: 900 },
  /** Lambda: 128 MB to 10,240 MB. */
  memorySize: { min: 128, max: 10240 },
  /** Lambda event invoke config: 0 to 2 retries. */
  retryAttempts: { min: 0, max: 2 },
  /** Lambda event invoke config: 60 s to 21,600 s. */
  maxEventAgeSeconds: { min: 60, max: 21600 },
  /** Lambda: a whole number of reserved executions, 0 (stopped) upward (the account quota is the real ceiling). */
  reservedConcurrency: { min: 0, max: Number.MAX_SAFE_INTEGER },
  /** Lambda: 512 MiB to 10,240 MiB of /tmp. */
  ephemeralStorageMiB: { min: 512, max: 10240 },
  /** Lambda: the names and values of all environment variables together, at most 4 KB. */
  environmentBytes: 4096,
  /** Lambda: at most five layers per function. */
  layers: { max: 5 },
} as const;
