import { isEdgeFunction } from './private/edge';
import { LOG_GROUP_TYPE, logGroupNamed } from './private/log-groups';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Without an explicit log group, Lambda creates `/aws/lambda/<function name>` on first invocation: outside the
 * stack, kept forever, unencrypted by a key of yours, and left behind when the stack is deleted (T6). The rule
 * follows references to find the function's log group in the stack:
 * - `LoggingConfig.LogGroup` naming (or referencing) an `AWS::Logs::LogGroup` of the stack;
 * - otherwise a log group of the stack named `/aws/lambda/<function name>` (the pre-2023 CDK pattern), or the
 *   `Custom::LogRetention` resource of aws-cdk-lib's deprecated `logRetention` prop, which does set a retention.
 * The group must have a finite retention (finding `retention`). A log group named in `LoggingConfig` that this
 * stack does not define (shared, or from another stack) is undecidable: its retention cannot be seen from here.
 * The group's own encryption is judged by SLS-LOGS-ENCRYPTION. Lambda@Edge functions are not judged: their replicas
 * log to `/aws/lambda/us-east-1.<name>` in each Region they run in, which no stack of the app defines.
 */
export class LambdaLogGroupRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-LOG-GROUP';

  public readonly id = LambdaLogGroupRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Without a log group of its own the function\'s logs (often holding payloads and personal data) are kept forever, outside the stack: a secure app would still bound and own them.';
  public readonly description = 'The Lambda function logs to an explicit log group of its stack with a finite retention.';
  public readonly remediation = 'Use SecureFunction (it creates the function\'s log group with a finite retention and a KMS key; '
    + '`logGroupRetention` sets the period), or pass `logGroup: new logs.LogGroup(this, ..., { retention })` to lambda.Function.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    // Lambda@Edge replicas log to /aws/lambda/us-east-1.<name> in each Region they run in: no log group of this stack.
    if (isEdgeFunction(resource, stack)) return [];
    const configured = resource.property('LoggingConfig.LogGroup');
    return configured === undefined ? this.checkDefaultGroup(resource, stack) : this.checkConfiguredGroup(configured, stack);
  }

  private checkConfiguredGroup(configured: any, stack: StackView): Verdict[] {
    const location = 'Properties/LoggingConfig/LogGroup';
    const referenced = stack.referencedResource(configured);
    if (referenced?.resourceType === LOG_GROUP_TYPE) return this.checkRetention(referenced, stack);
    const name = readValue(stack, configured);
    if (!name.known) return [Verdicts.undecidable('The log group the function logs to is not known.', name.unknownReason!, { location })];
    const group = logGroupNamed(stack, String(name.value));
    if (group) return this.checkRetention(group, stack);
    return [Verdicts.undecidable(`The function logs to log group ${name.value}, which this stack does not define.`, 'a log group outside this stack', { location })];
  }

  private checkDefaultGroup(fn: AuditedResource, stack: StackView): Verdict[] {
    // A group named after the function's Ref (`/aws/lambda/${fn.functionName}`) refers to it: use the reverse index.
    const group = logGroupNamed(stack, `/aws/lambda/\${${fn.logicalId}}`, fn) ?? this.groupNamedAfter(fn, stack);
    if (group) return this.checkRetention(group, stack);
    const location = 'Properties/LoggingConfig/LogGroup';
    const functionName = fn.properties.FunctionName === undefined ? undefined : readValue(stack, fn.properties.FunctionName);
    if (functionName && !functionName.known) {
      return [Verdicts.undecidable('The name of the function, hence of its default log group, is not known.', functionName.unknownReason!, { location })];
    }
    const defaultName = `/aws/lambda/${functionName?.value ?? '<generated function name>'}`;
    return [Verdicts.violation(`The function logs to the log group Lambda creates implicitly (${defaultName}), which keeps logs forever `
      + 'and is not managed by the stack.', { location })];
  }

  /** A group named `/aws/lambda/<FunctionName>` when the function has a known explicit name. */
  private groupNamedAfter(fn: AuditedResource, stack: StackView): AuditedResource | undefined {
    if (fn.properties.FunctionName === undefined) return undefined;
    const name = readValue(stack, fn.properties.FunctionName);
    return name.known ? logGroupNamed(stack, `/aws/lambda/${name.value}`) : undefined;
  }

  private checkRetention(group: AuditedResource, stack: StackView): Verdict[] {
    const options = { location: 'Properties/LoggingConfig/LogGroup', findingId: 'retention' };
    const retention = readValue(stack, group.properties.RetentionInDays);
    if (!retention.known) {
      return [Verdicts.undecidable(`The retention of log group ${group.logicalId} is not known.`, retention.unknownReason!, options)];
    }
    if (retention.value !== undefined) return [];
    return [Verdicts.violation(`The function's log group ${group.logicalId} has no retention: logs are kept forever.`, options)];
  }
}
