/**
 * What scripts/generate-construct-props.ts needs to know beyond aws-cdk-lib's assembly: for each Secure* construct
 * whose props mirror an aws-cdk-lib props struct, the props it leaves out (and why), and the props whose default or
 * accepted values differ (our `@default`, and why, in the words of the construct's `defaults.ts`).
 *
 * Every other prop of the aws-cdk-lib struct is declared as aws-cdk-lib declares it: same type, same documentation.
 * A new prop in aws-cdk-lib therefore shows up in the generated file (and the check fails until it is regenerated
 * and reviewed); a prop named here that aws-cdk-lib no longer has is an error.
 */

/** How one prop differs from aws-cdk-lib's declaration. */
export interface PropOverride {
  /**
   * A key of the construct's defaults object (`defaults.ts`): its doc comment is the reason given on the prop, and its
   * value (as written in `defaults.ts`) the `@default`, unless `default` is given.
   */
  readonly from?: string;
  /** Our `@default`, as TSDoc writes it: a literal (`true`) or a dash and the behaviour (`- the stack's key`). */
  readonly default?: string;
  /** What the construct enforces about the prop, appended to the reason (error codes included). */
  readonly note?: string;
  /** Replaces aws-cdk-lib's remarks where they describe a behaviour the construct does not have ('' removes them). */
  readonly remarks?: string;
}

/** One construct's props interface, generated from one aws-cdk-lib props struct. */
export interface PropsSpec {
  /** The construct, as named in the docs (`SecureFunction`). */
  readonly construct: string;
  /** The jsii fqn of the aws-cdk-lib struct mirrored (its bases are followed). */
  readonly source: string;
  /** The file holding the interface, relative to the repository root. */
  readonly file: string;
  /** The props interface (its doc comment, its declaration and the mirrored props are generated). */
  readonly interfaceName: string;
  /** The construct's defaults file and object, relative to the repository root. */
  readonly defaults?: { readonly file: string; readonly object: string };
  /** The opening paragraph of the interface's documentation. */
  readonly summary: string;
  /** Props of the struct that are changed, by name. */
  readonly overrides: { readonly [prop: string]: PropOverride };
  /**
   * Props of the struct that are left out on purpose, by name, with the reason (shown in the interface's
   * documentation). Deprecated props must be listed here (or kept through an override) so that each is a decision.
   */
  readonly unsupported: { readonly [prop: string]: string };
}

const STACK_KEY = 'the stack\'s customer-managed key (`StackKey.of(this)`), one per stack, with rotation';

export const CONSTRUCT_PROPS: PropsSpec[] = [
  {
    construct: 'SecureFunction',
    source: 'aws-cdk-lib.aws_lambda.FunctionProps',
    file: 'src/constructs/secure-function/props.ts',
    interfaceName: 'SecureFunctionProps',
    defaults: { file: 'src/constructs/secure-function/defaults.ts', object: 'SECURE_FUNCTION_DEFAULTS' },
    summary: 'Props of `SecureFunction`: the props of `lambda.FunctionProps` (so adopting it is changing a class name), each '
      + 'documented with the default SecureFunction applies, plus the props of SecureFunction itself.',
    unsupported: {
      applicationLogLevel: 'deprecated in aws-cdk-lib; use `applicationLogLevelV2`.',
      systemLogLevel: 'deprecated in aws-cdk-lib; use `systemLogLevelV2`.',
      logFormat: 'deprecated in aws-cdk-lib; use `loggingFormat` (JSON, the only format SecureFunction accepts).',
      logGroup: 'refused (SF011): SecureFunction creates its own encrypted log group under the function; set '
        + '`logGroupRetention` and `encryptionKey` to tune it.',
      logRetention: 'deprecated in aws-cdk-lib, and refused (SF010): it creates a log-retention custom resource; use '
        + '`logGroupRetention`.',
      logRemovalPolicy: 'deprecated in aws-cdk-lib, and refused (SF010): it applies to the log group of `logRetention`.',
      logRetentionRetryOptions: 'refused (SF010): it configures the log-retention custom resource of `logRetention`.',
      logRetentionRole: 'refused (SF010): it configures the log-retention custom resource of `logRetention`.',
    },
    overrides: {
      timeout: { from: 'timeout', note: 'Outside 1 second to 15 minutes, or not whole seconds: SF001.' },
      memorySize: { from: 'memorySize', note: 'Outside 128 to 10240: SF002.' },
      architecture: { from: 'architecture' },
      tracing: { from: 'tracing', note: 'Any other value without `relaxations.tracing`: SF009.' },
      loggingFormat: { from: 'loggingFormat', note: '`LoggingFormat.TEXT` is refused (SF012).' },
      applicationLogLevelV2: { from: 'applicationLogLevel', note: 'It is also written to `POWERTOOLS_LOG_LEVEL`.' },
      systemLogLevelV2: { from: 'systemLogLevel' },
      recursiveLoop: { from: 'recursiveLoop', note: '`RecursiveLoop.ALLOW` without `relaxations.recursiveLoop`: SF013.' },
      retryAttempts: { from: 'retryAttempts', note: 'Written to the function\'s `EventInvokeConfig`; outside 0 to 2: SF014.' },
      maxEventAge: { from: 'maxEventAge', note: 'Written to the function\'s `EventInvokeConfig`; outside 1 minute to 6 hours: SF014.' },
      environmentEncryption: {
        default: '- `encryptionKey`: by default ' + STACK_KEY,
        note: 'A customer-managed key, whose key policy limits who can read the variables, rather than the AWS-managed key.',
      },
      environment: {
        default: '- only `POWERTOOLS_SERVICE_NAME` (`serviceName`) and `POWERTOOLS_LOG_LEVEL` (`applicationLogLevelV2`)',
        note: 'A value that looks like a secret is refused (SF005, SF006): pass secrets through `secrets`. Names Lambda '
          + 'reserves (SF028), invalid names (SF023) and more than 4 KB of names and values in all (SF029) are refused.',
      },
      role: {
        default: '- a dedicated role under the function (`<function>/ServiceRole`) allowed to write to the function\'s log '
          + 'group, and no AWS-managed policy',
        remarks: 'This is the role that will be assumed by the function upon execution. It controls the permissions that '
          + 'the function will have. The role must be assumable by the `lambda.amazonaws.com` service principal.\n\n'
          + 'A role you pass gets what the dedicated role would have (writing to the log group, and the stack\'s X-Ray, '
          + 'failure-queue and VPC policies where used), and must not be used by another SecureFunction (SF019).',
      },
      deadLetterQueue: {
        default: '- the stack\'s failure queue (one per stack): encrypted with `encryptionKey`, TLS-only, messages kept 14 days',
        remarks: 'If SNS topic is desired, specify `deadLetterTopic` property instead. The queue is also the on-failure '
          + 'destination of asynchronous invocations, unless `onFailure` is set.',
      },
      deadLetterQueueEnabled: {
        default: 'true',
        remarks: 'Without `deadLetterQueue` or `deadLetterTopic`, the stack\'s failure queue is used.',
        note: '`false` (no dead-letter queue and no on-failure destination) without `relaxations.asyncFailure`: SF015.',
      },
      deadLetterTopic: {
        remarks: 'When set, it replaces the stack\'s failure queue, as the dead-letter target and as the on-failure '
          + 'destination of asynchronous invocations (unless `onFailure` is set).',
      },
      onFailure: { default: '- the dead-letter target: the stack\'s failure queue, `deadLetterQueue` or `deadLetterTopic`' },
      layers: { note: 'Each layer must come from this account or `allowedLayerAccounts` (SF016); at most five (SF030).' },
      initialPolicy: {
        note: 'A statement with a `*` resource, a `*` or `service:*` action, `NotAction` or `NotResource` needs '
          + '`relaxations.wildcardPolicy` (SF021); prefer the grant methods of the resources.',
      },
      codeSigningConfig: { note: 'A code signing config of this app must enforce signatures (`UntrustedArtifactOnDeployment.ENFORCE`, SF020).' },
    },
  },
  {
    construct: 'SecureQueue',
    source: 'aws-cdk-lib.aws_sqs.QueueProps',
    file: 'src/constructs/secure-queue/props.ts',
    interfaceName: 'SecureQueueProps',
    defaults: { file: 'src/constructs/secure-queue/defaults.ts', object: 'SECURE_QUEUE_DEFAULTS' },
    summary: 'Props of `SecureQueue`: the props of `sqs.QueueProps` (so adopting it is changing a class name), each '
      + 'documented with the default SecureQueue applies, plus `maxReceiveCount`.',
    unsupported: {},
    overrides: {
      encryption: {
        default: 'sqs.QueueEncryption.KMS',
        note: 'With `encryptionMasterKey`. Any other value is refused (SQ001): SQS-owned and AWS-managed keys have no key '
          + 'policy that limits who can read the messages.',
      },
      encryptionMasterKey: { default: '- ' + STACK_KEY },
      enforceSSL: { default: 'true', note: 'The queue policy denies requests made without TLS; `false` is refused (SQ002).' },
      deadLetterQueue: {
        note: 'T6: a message that keeps failing moves to the dead-letter queue instead of being retried until it expires, '
          + 'so a poison message is kept as evidence and stops burning invocations.',
        default: '- an encrypted, TLS-only dead-letter queue `<id>DeadLetterQueue`, a sibling of the queue, that receives '
          + 'a message after `maxReceiveCount` (3) failed receives and keeps it 14 days',
      },
      retentionPeriod: { from: 'retentionPeriod', note: 'Outside 1 minute to 14 days: SQ004.' },
      visibilityTimeout: {
        from: 'visibilityTimeout',
        note: 'Outside 0 seconds to 12 hours: SQ005. `addConsumer` refuses a function whose timeout does not fit six times '
          + 'in it (SQ006).',
      },
    },
  },
  {
    construct: 'SecureTable',
    source: 'aws-cdk-lib.aws_dynamodb.TableProps',
    file: 'src/constructs/secure-table/props.ts',
    interfaceName: 'SecureTableProps',
    defaults: { file: 'src/constructs/secure-table/defaults.ts', object: 'SECURE_TABLE_DEFAULTS' },
    summary: 'Props of `SecureTable`: the props of `dynamodb.TableProps` (so adopting it is changing a class name), each '
      + 'documented with the default SecureTable applies.',
    unsupported: {
      pointInTimeRecovery: 'deprecated in aws-cdk-lib; use `pointInTimeRecoverySpecification`.',
      contributorInsightsEnabled: 'deprecated in aws-cdk-lib; use `contributorInsightsSpecification`.',
      replicationRegions: 'refused (ST011): aws-cdk-lib refuses replicas of a `dynamodb.Table` encrypted with a '
        + 'customer-managed key; use `dynamodb.TableV2` with `replicas`.',
      replicationTimeout: 'refused (ST011): it applies only to `replicationRegions`.',
      replicaRemovalPolicy: 'refused (ST011): it applies only to `replicationRegions`.',
      waitForReplicationToFinish: 'refused (ST011): it applies only to `replicationRegions`.',
    },
    overrides: {
      partitionKey: { default: '- none: SecureTable requires it (ST010)', remarks: '' },
      billingMode: { default: 'dynamodb.BillingMode.PROVISIONED' },
      stream: { default: '- no stream' },
      encryption: {
        from: 'customerManagedKey',
        default: 'dynamodb.TableEncryption.CUSTOMER_MANAGED',
        remarks: '',
        note: 'With `encryptionKey`. Any other value is refused (ST001).',
      },
      encryptionKey: { default: '- ' + STACK_KEY, remarks: '' },
      pointInTimeRecoverySpecification: {
        from: 'pointInTimeRecovery',
        default: '- enabled, with a recovery period of 35 days',
        note: 'Disabling it is refused (ST002); `recoveryPeriodInDays` (1 to 35) shortens the window.',
      },
      deletionProtection: { from: 'deletionProtection', note: '`false` is refused (ST003).' },
      removalPolicy: { from: 'removalPolicy', note: 'Any other value is refused (ST004).' },
    },
  },
  {
    construct: 'SecureTopic',
    source: 'aws-cdk-lib.aws_sns.TopicProps',
    file: 'src/constructs/secure-topic/props.ts',
    interfaceName: 'SecureTopicProps',
    defaults: { file: 'src/constructs/secure-topic/defaults.ts', object: 'SECURE_TOPIC_DEFAULTS' },
    summary: 'Props of `SecureTopic`: the props of `sns.TopicProps` (so adopting it is changing a class name), each '
      + 'documented with the default SecureTopic applies, plus `publicPolicyJustification`.',
    unsupported: {},
    overrides: {
      masterKey: {
        from: 'customerManagedKey',
        default: '- ' + STACK_KEY + '; CloudWatch alarms and EventBridge rules of this account may use it to publish',
        note: 'That covers `alias/aws/sns` by alias or ARN (TP001); a key only known at deploy time is an acknowledgeable warning.',
      },
      enforceSSL: { from: 'enforceSSL', note: '`false` is refused (TP002).' },
      signatureVersion: { from: 'signatureVersion', note: 'The only value accepted (TP003).' },
    },
  },
  {
    construct: 'SecureEventRule',
    source: 'aws-cdk-lib.aws_events.RuleProps',
    file: 'src/constructs/secure-event-rule/props.ts',
    interfaceName: 'SecureEventRuleProps',
    defaults: { file: 'src/constructs/secure-event-rule/defaults.ts', object: 'SECURE_EVENT_RULE_DEFAULTS' },
    summary: 'Props of `SecureEventRule`: the props of `events.RuleProps` (so adopting it is changing a class name), each '
      + 'documented with what SecureEventRule adds, plus the retry policy its targets get and the relaxations.',
    unsupported: {},
    overrides: {
      eventPattern: {
        note: 'The pattern must name the `source` of the events (ER002) and must not match every event (ER001), unless '
          + '`relaxations.broadEventPattern` says why. A scheduled rule needs none.',
      },
      targets: {
        note: 'Each target without a dead-letter queue of its own gets the rule\'s (`deadLetterQueue`), and, where it sets '
          + 'none, the retry policy `targetRetryAttempts` / `targetMaxEventAge`; the same holds for `addTarget`.',
      },
    },
  },
];
