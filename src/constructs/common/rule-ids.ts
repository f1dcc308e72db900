/**
 * The audit rule ids that the `Secure*` constructs acknowledge when a user relaxes a secure default with a
 * justification. They must match the ids of the audit's rules exactly; they live here, once, so constructs never
 * spell them inline.
 */
export class RuleIds {
  /** The name of the audit's validation plugin; acknowledgements are recorded as `<PLUGIN_NAME>::<rule id>`. */
  public static readonly PLUGIN_NAME = 'ServerlessSecurityChecks';

  /** Function URL without `AWS_IAM` auth. */
  public static readonly LAMBDA_URL_AUTH = 'SLS-LAMBDA-URL-AUTH';
  /** Deprecated or soon-deprecated runtime. */
  public static readonly LAMBDA_RUNTIME = 'SLS-LAMBDA-RUNTIME';
  /** No code signing with `ENFORCE`. */
  public static readonly LAMBDA_CODE_SIGNING = 'SLS-LAMBDA-CODE-SIGNING';
  /** Layer from a foreign account. */
  public static readonly LAMBDA_LAYER_ORIGIN = 'SLS-LAMBDA-LAYER-ORIGIN';
  /** Recursive-loop detection not `TERMINATE`. */
  public static readonly LAMBDA_RECURSIVE_LOOP = 'SLS-LAMBDA-RECURSIVE-LOOP';
  /** Environment not encrypted with a customer-managed key. */
  public static readonly LAMBDA_ENV_ENCRYPTION = 'SLS-LAMBDA-ENV-ENCRYPTION';
  /** Secret-looking literal in the environment. */
  public static readonly LAMBDA_ENV_SECRET = 'SLS-LAMBDA-ENV-SECRET';
  /** Tracing not `Active`. */
  public static readonly LAMBDA_TRACING = 'SLS-LAMBDA-TRACING';
  /** No explicit log group. */
  public static readonly LAMBDA_LOG_GROUP = 'SLS-LAMBDA-LOG-GROUP';
  /** Logs not JSON. */
  public static readonly LAMBDA_LOG_FORMAT = 'SLS-LAMBDA-LOG-FORMAT';
  /** No errors / throttles alarm with an action. */
  public static readonly LAMBDA_ALARMS = 'SLS-LAMBDA-ALARMS';
  /** No dead-letter queue or on-failure destination for asynchronous invocations. */
  public static readonly LAMBDA_ASYNC_FAILURE = 'SLS-LAMBDA-ASYNC-FAILURE';
  /** No reserved concurrency. */
  public static readonly LAMBDA_CONCURRENCY = 'SLS-LAMBDA-CONCURRENCY';
  /** Log group without finite retention. */
  public static readonly LOGS_RETENTION = 'SLS-LOGS-RETENTION';
  /** Log group without a KMS key. */
  public static readonly LOGS_ENCRYPTION = 'SLS-LOGS-ENCRYPTION';
  /** Write or permissions-management action on `Resource: *`. */
  public static readonly IAM_WILDCARD_RESOURCE = 'SLS-IAM-WILDCARD-RESOURCE';
  /** A role shared by several functions. */
  public static readonly IAM_ROLE_SHARED = 'SLS-IAM-ROLE-SHARED';
  /** AWS-managed policy on a function role. */
  public static readonly IAM_MANAGED_POLICY = 'SLS-IAM-MANAGED-POLICY';
  /** Queue without KMS encryption. */
  public static readonly SQS_ENCRYPTION = 'SLS-SQS-ENCRYPTION';
  /** Queue without a TLS-only policy. */
  public static readonly SQS_TLS_ONLY = 'SLS-SQS-TLS-ONLY';

  /**
   * The id to acknowledge a rule of the audit with: `ServerlessSecurityChecks::<ruleId>`.
   */
  public static qualified(ruleId: string): string {
    return `${RuleIds.PLUGIN_NAME}::${ruleId}`;
  }
}
