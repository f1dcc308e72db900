import { isEdgeFunction } from './private/edge';
import { candidatesDesignating, designatesFunction } from './private/function-links';
import { asyncInvokersOf } from './private/invokers';
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
 * Only functions the template shows to be invoked asynchronously are judged (see `asyncInvokersOf`: service
 * permissions of asynchronous services, SNS subscriptions, EventBridge rules and schedules, S3 notifications, log
 * subscriptions, destinations, Step Functions tasks with `InvocationType: Event`...). Functions behind an API, a
 * function URL or an event source mapping are invoked synchronously and have nothing to lose here; a permission
 * whose principal is unknown at synth time makes the rule undecidable. Lambda@Edge functions cannot have either
 * and are not judged.
 */
export class LambdaAsyncFailureRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-ASYNC-FAILURE';

  public readonly id = LambdaAsyncFailureRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'A failed asynchronous event is dropped after Lambda\'s retries, and with it the evidence of what failed (possibly a malicious payload); reported only for functions the template shows to be invoked asynchronously.';
  public readonly description = 'A Lambda function invoked asynchronously keeps failed events in a dead-letter queue or on-failure destination.';
  public readonly remediation = 'Use SecureFunction (an on-failure destination or an encrypted dead-letter queue by default), or set '
    + '`onFailure` (a destination) or `deadLetterQueue` on lambda.Function.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (resource.property('DeadLetterConfig.TargetArn') !== undefined) return [];
    const { invokers, unknownPermissions } = asyncInvokersOf(stack, resource);
    if (invokers.length === 0 && unknownPermissions.length === 0) return [];
    if (isEdgeFunction(resource, stack)) return [];
    const hasOnFailure = candidatesDesignating(stack, resource, EVENT_INVOKE_CONFIG_TYPE).some((config) =>
      designatesFunction(stack, config.properties.FunctionName, resource)
      && config.property('DestinationConfig.OnFailure.Destination') !== undefined);
    if (hasOnFailure) return [];
    const location = 'Properties/DeadLetterConfig';
    if (invokers.length === 0) {
      const [first] = unknownPermissions;
      return [Verdicts.undecidable(`Whether permission ${first.logicalId} lets a service invoke the function asynchronously, where a failed `
        + 'event would be dropped for want of a dead-letter queue or on-failure destination, is not known.', first.reason, { location })];
    }
    return [Verdicts.violation(`The function is invoked asynchronously (by ${listed(invokers)}) and has neither a dead-letter queue nor an `
      + 'on-failure destination: a failed event is dropped after two retries.', { location })];
  }
}

function listed(items: string[]): string {
  return items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}
