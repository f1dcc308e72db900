import {
  FeatureFlags,
  IResource,
  Stack,
  Token,
  TokenComparison,
  Validations,
  aws_events as events,
  aws_iam as iam,
  aws_sns as sns,
  aws_sqs as sqs,
  cx_api as cxapi,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { SECURE_EVENT_RULE_DEFAULTS as D } from './defaults';
import { ConfiguredTarget } from './private/configured-target';
import { SecureEventRuleProps } from './props';
import { ER, checkEventPattern, retryDefaults, validateSecureEventRuleProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { DeadLetterQueue } from '../common/dead-letter-queue';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

/**
 * An EventBridge rule that selects specific events and never drops one silently.
 *
 * It extends `events.Rule`, so adopting it is changing one class name, and every target (`aws-events-targets` or
 * your own `IRuleTarget`), whether passed in `targets` or to `addTarget`, is completed before it is rendered:
 *
 * - a dead-letter queue, unless the target has its own: one per rule (`deadLetterQueue`), created on first use,
 *   encrypted with the stack key, TLS-only, kept 14 days, writable only by EventBridge for this rule;
 * - an explicit retry policy (`targetRetryAttempts`, `targetMaxEventAge`), where the target sets none.
 *
 * The event pattern is checked with the audit's own logic: a pattern that matches every event (`{}`, only
 * `account`, `source: [{ prefix: '' }]`...) is refused (ER001), and it must name a specific `source` (ER002), both
 * at construction and again at synth (after `addEventPattern`). A scheduled rule needs no pattern. Values that are
 * tokens are never taken as specific: the check skips them and warns when the rest does not settle it.
 *
 * Invalid or insecure props fail with one `SecureConstructValidationError` listing every problem (codes `ER0xx`).
 */
export class SecureEventRule extends events.Rule {
  /** What aws-cdk-lib would refuse with an error of its own, refused first with ER009. */
  private static checkBeforeCreation(props: SecureEventRuleProps, errors: PropErrors): void {
    const name = props.ruleName;
    if (name !== undefined && (typeof name !== 'string' || (!Token.isUnresolved(name) && !/^[.\-_A-Za-z0-9]{1,64}$/.test(name)))) {
      errors.add(ER.PROP_INVALID, 'ruleName', `must be 1 to 64 letters, digits, dots, hyphens or underscores but was ${PropErrors.show(name)}`,
        'Remove `ruleName` (CloudFormation names the rule), or fix it');
    }
    const description = props.description;
    if (description !== undefined && (typeof description !== 'string' || (!Token.isUnresolved(description) && description.length > 512))) {
      errors.add(ER.PROP_INVALID, 'description', `must be at most 512 characters but was ${PropErrors.show(description)}`, 'Shorten `description`');
    }
    if (props.schedule !== undefined && props.eventBus !== undefined) {
      errors.add(ER.PROP_INVALID, 'eventBus', 'cannot be set on a scheduled rule (schedules run on the default bus)', 'Remove `eventBus`, or `schedule`');
    }
    if (props.targets !== undefined && (!Array.isArray(props.targets) || props.targets.some((t) => !t || typeof t.bind !== 'function'))) {
      errors.add(ER.PROP_INVALID, 'targets', `must be a list of events.IRuleTarget but was ${PropErrors.show(props.targets)}`,
        'Pass targets such as `new targets.LambdaFunction(fn)`');
    }
  }

  private readonly secureProps: SecureEventRuleProps;
  private readonly relaxedRules: Set<string>;
  private createdDeadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: SecureEventRuleProps = {}) {
    // `null` from JavaScript is no props, as `undefined` is: every prop is optional.
    props = props ?? {};
    // What aws-cdk-lib would refuse with its own error (name, description, schedule with a bus) is refused first, with a code.
    const early = PropErrors.forChild(scope, id);
    SecureEventRule.checkBeforeCreation(props, early);
    early.throwIfAny();
    // Targets are added below, once this class is initialised: aws-cdk-lib adds them from its constructor.
    super(scope, id, { ...props, targets: undefined });
    this.secureProps = props;

    const errors = PropErrors.for(this);
    const accepted = validateSecureEventRuleProps(props, errors);
    this.relaxedRules = new Set(accepted.map(([ruleId]) => ruleId));
    // An explicitly empty pattern renders as none: it is the catch-all `{}`, not a scheduled rule's absent pattern.
    const pattern = this.renderedPattern() ?? (props.eventPattern !== undefined && props.schedule === undefined ? {} : undefined);
    const check = pattern === undefined || this.relaxedRules.has(RuleIds.EVENTS_PATTERN_SPECIFIC) ? undefined : checkEventPattern(pattern);
    for (const p of check?.problems ?? []) {
      errors.add(p.code, 'eventPattern', p.problem, p.fix);
    }
    errors.throwIfAny();

    const cfnRule = this.node.defaultChild as events.CfnRule;
    for (const [ruleId, justification] of accepted) {
      if (ruleId === RuleIds.EVENTS_TARGET_DLQ) {
        // The same decision cdk-nag reports as Serverless-EventBusDLQ: one call, both ids, the user's reason.
        Validations.of(cfnRule).acknowledge(
          { id: RuleIds.qualified(ruleId), reason: justification },
          { id: 'Serverless-EventBusDLQ', reason: justification },
        );
      } else {
        Relaxation.record(cfnRule, ruleId, justification);
      }
    }
    for (const [warningId, message] of check?.warnings ?? []) {
      Validations.of(this).addWarning(warningId, message);
    }
    for (const target of props.targets ?? []) {
      this.addTarget(target);
    }
  }


  /**
   * The rule's dead-letter queue, created on first use (by the first target that has none of its own, or by reading
   * this property): encrypted with the stack key, TLS-only, 14 days retention, and only EventBridge, for this rule,
   * may send to it. Alarm on its depth, or pass it explicitly as a target's `deadLetterQueue`.
   */
  public get deadLetterQueue(): sqs.IQueue {
    this.createdDeadLetterQueue ??= this.createDeadLetterQueue();
    return this.createdDeadLetterQueue;
  }

  /**
   * Adds a target to the rule, with the rule's dead-letter queue (unless the target has its own) and the rule's
   * retry policy (where the target sets none). Refused: a target in another account or region (ER006), an encrypted
   * queue without aws-cdk-lib's same-account flag (ER007), a topic without a role (ER008).
   */
  public addTarget(target?: events.IRuleTarget): void {
    if (target === undefined) {
      return;
    }
    if (target === null || typeof target.bind !== 'function') {
      const errors = PropErrors.for(this);
      errors.add(ER.PROP_INVALID, 'addTarget', `must be given an events.IRuleTarget but was given ${PropErrors.show(target)}`,
        'Pass a target such as `new targets.LambdaFunction(fn)`');
      errors.throwIfAny();
    }
    super.addTarget(new ConfiguredTarget(target, (config, rule) => (rule === this ? this.completeTarget(config) : config)));
  }

  /** aws-cdk-lib's checks, then the event pattern again: `addEventPattern` may have widened it after construction. */
  protected validateRule(): string[] {
    // aws-cdk-lib's own findings ("Either 'eventPattern' or 'schedule' must be defined") get our code and the fix.
    const errors = super.validateRule().map((message) => PropErrors.line({
      code: ER.PROP_INVALID,
      path: this.node.path,
      prop: 'eventPattern',
      problem: `is invalid: ${message.replace(/\.$/, '')}`,
      fix: 'Pass `eventPattern: { source: [\'my.app\'], detailType: [\'OrderPlaced\'] }` (or `schedule`), or call `addEventPattern` before synth',
    }));
    const pattern = this.renderedPattern();
    if (pattern === undefined || this.relaxedRules.has(RuleIds.EVENTS_PATTERN_SPECIFIC)) {
      return errors;
    }
    const problems = checkEventPattern(pattern).problems;
    return [...errors, ...problems.map((p) => `[${p.code}] ${this.node.path}: eventPattern ${p.problem}. ${p.fix}.`)];
  }

  /** The event pattern as CloudFormation receives it (top-level `detail-type`), tokens as intrinsics; undefined when none. */
  private renderedPattern(): any {
    return Stack.of(this).resolve((this.node.defaultChild as events.CfnRule).eventPattern);
  }

  private completeTarget(config: events.RuleTargetConfig): events.RuleTargetConfig {
    this.checkTargetAccess(config);
    const retry = retryDefaults(this.secureProps);
    const ownDeadLetterQueue = config.deadLetterConfig?.arn !== undefined;
    const withoutDeadLetterQueue = ownDeadLetterQueue || this.relaxedRules.has(RuleIds.EVENTS_TARGET_DLQ);
    return {
      ...config,
      deadLetterConfig: withoutDeadLetterQueue ? config.deadLetterConfig : { arn: this.deadLetterQueue.queueArn },
      retryPolicy: {
        maximumRetryAttempts: config.retryPolicy?.maximumRetryAttempts ?? retry.attempts,
        maximumEventAgeInSeconds: config.retryPolicy?.maximumEventAgeInSeconds ?? retry.ageSeconds,
      },
    };
  }

  /**
   * Refuse the targets that aws-cdk-lib would wire in a way this rule cannot make safe: another environment (a plain
   * forwarding rule there), or a resource policy that lets EventBridge of any account send (confused deputy).
   */
  private checkTargetAccess(config: events.RuleTargetConfig): void {
    const resource = config.targetResource;
    if (!resource) {
      return;
    }
    const errors = PropErrors.for(this);
    const path = resource.node.path;
    if (this.isInAnotherEnvironment(resource)) {
      errors.add(ER.CROSS_ENVIRONMENT_TARGET, 'targets',
        `must be in this rule's account and region but ${path} is not (aws-cdk-lib would forward through a plain rule in `
        + 'the target\'s stack, with no dead-letter queue and no pattern check)',
        'Target the other account\'s event bus with `new targets.EventBus(bus)` from this rule (it gets the dead-letter queue), '
        + 'and put a SecureEventRule on that bus, in the target\'s stack');
    } else if (isQueue(resource) && resource.encryptionMasterKey
      && !FeatureFlags.of(this).isEnabled(cxapi.EVENTS_TARGET_QUEUE_SAME_ACCOUNT)) {
      errors.add(ER.QUEUE_TARGET_ANY_ACCOUNT, 'targets',
        `must only let this account's rules send to ${path}, but for an encrypted queue aws-cdk-lib's SqsQueue target grants `
        + 'events.amazonaws.com SendMessage (and use of the queue\'s key) with no condition unless a feature flag is set, so '
        + 'a rule in any account could inject messages',
        `Set the aws-cdk-lib feature flag \`"${cxapi.EVENTS_TARGET_QUEUE_SAME_ACCOUNT}": true\` in the context of cdk.json `
        + '(recommended by aws-cdk-lib since 2.51.0): the grant is then limited with aws:SourceAccount');
    } else if (isTopic(resource) && !config.role) {
      errors.add(ER.TOPIC_TARGET_ANY_ACCOUNT, 'targets',
        `must only let this rule publish to ${path}, but without a role the SnsTopic target grants events.amazonaws.com `
        + 'Publish in the topic policy with no condition, so a rule in any account could publish to it',
        'Pass `authorizeUsingRole: true` (or a `role`) to targets.SnsTopic: EventBridge then publishes with a role only '
        + 'this rule uses');
    }
    errors.throwIfAny();
  }

  /** The same test aws-cdk-lib applies before it forwards to another environment (unresolved counts as the same). */
  private isInAnotherEnvironment(targetResource: IConstruct): boolean {
    const targetStack = Stack.of(targetResource);
    const env = (targetResource as Partial<IResource>).env;
    const here = Stack.of(this);
    const differs = (a: string, b: string) => Token.compareStrings(a, b) === TokenComparison.DIFFERENT;
    return differs(here.account, env?.account || targetStack.account) || differs(here.region, env?.region || targetStack.region);
  }

  private createDeadLetterQueue(): sqs.Queue {
    const queue = DeadLetterQueue.create(this, 'DeadLetterQueue', {
      // EventBridge encrypts what it sends with the key as its service principal: the key policy must allow it.
      encryptionKey: StackKey.allowService(this, 'events'),
      role: `the dead-letter queue of the EventBridge rule ${this.node.path}`,
      retention: D.deadLetterQueueRetention,
    });
    // What aws-events-targets adds for a target's `deadLetterQueue`: only this rule may send its failed events.
    queue.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowThisRuleToSendFailedEvents',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': this.ruleArn } },
    }));
    return queue;
  }
}

function isQueue(resource: IConstruct): resource is sqs.IQueue {
  return 'queueArn' in resource && 'queueUrl' in resource;
}

function isTopic(resource: IConstruct): resource is sns.ITopic {
  return 'topicArn' in resource && 'topicName' in resource;
}
