import { candidatesDesignating, designatesFunction } from './private/function-links';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const EVENT_INVOKE_CONFIG_TYPE = 'AWS::Lambda::EventInvokeConfig';

/**
 * Lambda retries a failed asynchronous invocation (from S3, SNS, EventBridge...) twice and then drops the event
 * without trace, unless the function has a dead-letter queue or an on-failure destination (T6). The rule accepts
 * either a `DeadLetterConfig` on the function or an `AWS::Lambda::EventInvokeConfig` of the stack, for the function
 * or one of its aliases, with `DestinationConfig.OnFailure`.
 *
 * The template does not say how a function is invoked: one that is only ever invoked synchronously (behind an API,
 * or by an event source mapping, whose failures the mapping handles) gets the warning too. Acknowledge it on such
 * functions with that reason.
 */
export class LambdaAsyncFailureRule implements IRule {
  public readonly id = 'SLS-LAMBDA-ASYNC-FAILURE';
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason = 'A failed asynchronous event is dropped after Lambda\'s retries, and with it the evidence of what failed (possibly a malicious payload); reported only for functions the template shows to be invoked asynchronously.';
  public readonly description = 'The Lambda function keeps failed asynchronous events in a dead-letter queue or on-failure destination.';
  public readonly remediation = 'Use SecureFunction (an on-failure destination or an encrypted dead-letter queue by default), or set '
    + '`onFailure` (a destination) or `deadLetterQueue` on lambda.Function.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (resource.property('DeadLetterConfig.TargetArn') !== undefined) return [];
    const hasOnFailure = candidatesDesignating(stack, resource, EVENT_INVOKE_CONFIG_TYPE).some((config) =>
      designatesFunction(stack, config.properties.FunctionName, resource)
      && config.property('DestinationConfig.OnFailure.Destination') !== undefined);
    if (hasOnFailure) return [];
    return [Verdicts.violation('The function has neither a dead-letter queue nor an on-failure destination: a failed asynchronous event '
      + 'is dropped after its retries.', { location: 'Properties/DeadLetterConfig' })];
  }
}
