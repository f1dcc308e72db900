import { designatesFunction, resourcesTargeting } from './private/function-links';

import { AuditedResource } from '../../core/audited-resource';
import { Known, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Reserved concurrency caps how many instances of a function run at once. For a function anyone on the internet
 * can trigger, it bounds the bill of a request flood (denial of wallet) and keeps the flood from eating the
 * account's shared concurrency, which would throttle every other function (T3).
 *
 * Decision: only functions behind a public trigger are reported, because reserving concurrency everywhere is
 * noise and can break accounts: every reservation is taken from the account pool, which must keep 100 unreserved,
 * and new accounts often have a quota of 10, where no reservation is possible at all. Public triggers, found by
 * following references in the stack:
 * - a function URL whose auth type is not `AWS_IAM` (an auth type from a parameter makes the rule undecidable);
 * - a permission for API Gateway (`apigateway.amazonaws.com`), REST or HTTP API.
 * Severity is a warning: stage throttling and WAF are the first line; this is the backstop.
 */
export class LambdaConcurrencyRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-CONCURRENCY';

  public readonly id = LambdaConcurrencyRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Reserved concurrency is the backstop behind stage throttling and WAF (judged by their own rules), and every reservation is taken from the account\'s shared pool, so a secure app may reasonably leave it out.';
  public readonly description = 'A Lambda function behind a public trigger (function URL or API) has reserved concurrency.';
  public readonly remediation = 'Set `reservedConcurrentExecutions` on the function (SecureFunction or lambda.Function), sized '
    + 'within the account quota, and keep API stage throttling on.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (resource.properties.ReservedConcurrentExecutions !== undefined) return [];
    const location = 'Properties/ReservedConcurrentExecutions';
    const urls = this.urls(resource, stack);
    const triggers = [
      ...urls.filter((url) => url.authType.known && url.authType.value !== 'AWS_IAM').map((url) => `function URL ${url.logicalId}`),
      ...this.apiPermissions(resource, stack),
    ];
    if (triggers.length > 0) {
      return [Verdicts.violation(`The function is publicly triggered (${triggers.join(', ')}) and has no reserved concurrency: a flood of `
        + 'requests can run up the bill and take the account\'s concurrency from every other function.', { location })];
    }
    const unknown = urls.find((url) => !url.authType.known);
    if (unknown) {
      return [Verdicts.undecidable(`Whether function URL ${unknown.logicalId} is public, hence whether the function needs reserved `
        + 'concurrency, is not known.', unknown.authType.unknownReason!, { location })];
    }
    return [];
  }

  private urls(fn: AuditedResource, stack: StackView): Array<{ logicalId: string; authType: Known }> {
    return resourcesTargeting(stack, fn, 'AWS::Lambda::Url')
      .filter((url) => designatesFunction(stack, url.properties.TargetFunctionArn, fn))
      .map((url) => ({ logicalId: url.logicalId, authType: readValue(stack, url.properties.AuthType) }));
  }

  private apiPermissions(fn: AuditedResource, stack: StackView): string[] {
    const fromApi = resourcesTargeting(stack, fn, 'AWS::Lambda::Permission')
      .filter((permission) => designatesFunction(stack, permission.properties.FunctionName, fn))
      .filter((permission) => /^apigateway\.amazonaws\.com/.test(String(readValue(stack, permission.properties.Principal).value)));
    return fromApi.length > 0 ? [`API Gateway, permission ${fromApi[0].logicalId}`] : [];
  }
}
