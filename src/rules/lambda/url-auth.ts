import { SAM_FUNCTION } from './private/function-links';
import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Function URLs with auth type `NONE` are public HTTPS endpoints: anyone on the internet can invoke the function.
 * Only `AWS_IAM` makes the caller prove who it is (T1). The rule also reports CORS that allows every origin with
 * credentials (finding `cors`): any web page could then call the URL with the visitor's cookies. A SAM function's
 * `FunctionUrlConfig` (AWS::Serverless::Function) is judged the same way, before the transform runs.
 */
export class LambdaUrlAuthRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-URL-AUTH';

  public readonly id = LambdaUrlAuthRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A function URL with auth type NONE is a public HTTPS endpoint: anyone on the internet can invoke the function (and run up its bill).';
  public readonly description = 'The Lambda function URL requires AWS_IAM auth and does not allow credentials from every origin.';
  public readonly remediation = 'Set `authType: FunctionUrlAuthType.AWS_IAM` and explicit `cors.allowedOrigins` on `fn.addFunctionUrl` '
    + '(SecureFunction refuses anything else unless `relaxations.publicUrl` gives a written reason); put a public endpoint '
    + 'behind an API with an authorizer instead.';
  public readonly resourceTypes = ['AWS::Lambda::Url', SAM_FUNCTION];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (resource.resourceType === SAM_FUNCTION) {
      // A SAM function's URL is its FunctionUrlConfig, which the transform turns into an AWS::Lambda::Url.
      const config = resource.properties.FunctionUrlConfig;
      if (config === undefined) return [];
      const base = 'Properties/FunctionUrlConfig';
      const url = readValue(stack, config);
      if (!url.known) return [Verdicts.undecidable('The function URL configuration of the SAM function is not known.', url.unknownReason, { location: base })];
      return [...this.checkAuthType(url.value ?? {}, stack, base), ...this.checkCors(url.value ?? {}, stack, base)];
    }
    return [...this.checkAuthType(resource.properties, stack, 'Properties'), ...this.checkCors(resource.properties, stack, 'Properties')];
  }

  private checkAuthType(properties: { [key: string]: any }, stack: StackView, base: string): Verdict[] {
    const location = `${base}/AuthType`;
    const authType = readValue(stack, properties.AuthType);
    if (!authType.known) {
      return [Verdicts.undecidable('The function URL auth type is not known.', authType.unknownReason!, { location })];
    }
    if (authType.value === 'AWS_IAM') return [];
    return [Verdicts.violation(`The function URL has auth type ${authType.value ?? '(not set)'}: anyone can invoke the function.`, { location })];
  }

  private checkCors(properties: { [key: string]: any }, stack: StackView, base: string): Verdict[] {
    const cors = properties.Cors;
    if (cors === undefined) return [];
    const options = { location: `${base}/Cors`, findingId: 'cors' };
    const credentials = readValue(stack, cors.AllowCredentials);
    const origins = readValue(stack, cors.AllowOrigins);
    if (credentials.known && !isTrue(credentials.value)) return [];
    if (origins.known && !(Array.isArray(origins.value) && origins.value.includes('*'))) return [];
    if (!credentials.known || !origins.known) {
      const reason = (!credentials.known ? credentials.unknownReason : origins.unknownReason)!;
      return [Verdicts.undecidable('Whether the function URL allows credentials from every origin (*) is not known.', reason, options)];
    }
    return [Verdicts.violation('The function URL CORS allows every origin (*) with credentials.', options)];
  }
}
