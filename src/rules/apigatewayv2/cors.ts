import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { corsVerdicts } from '../apigateway/private/cors';
import { displayName } from '../apigateway/private/values';

/**
 * T3: an HTTP API's CORS configuration names explicit origins. `*` with `AllowCredentials` is an error
 * (`wildcard-with-credentials`), `*` alone a warning (`wildcard-origin`): see SLS-APIGW-CORS for the reasoning.
 */
export class HttpApiCorsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-HTTPAPI-CORS';

  public readonly id = HttpApiCorsRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'Any origin together with credentials lets every web site make authenticated calls with a visitor\'s cookies and read the answers (an error); any origin without credentials is a warning.';
  public readonly description = 'API Gateway HTTP API CORS configurations name explicit origins and never allow any origin together with credentials.';
  public readonly remediation = 'List explicit origins in `corsPreflight.allowOrigins` of the HttpApi (and drop `allowCredentials` unless the origins are explicit).';
  public readonly resourceTypes = ['AWS::ApiGatewayV2::Api'];

  public check(api: AuditedResource, stack: StackView): Verdict[] {
    const cors = api.properties.CorsConfiguration;
    if (cors === undefined) return [];
    const known = readValue(stack, cors);
    if (!known.known) {
      return [Verdicts.undecidable(`The CORS configuration of API ${displayName(api)} is not known at synth time.`, known.unknownReason, { location: 'Properties/CorsConfiguration' })];
    }
    const origins: any[] = Array.isArray(known.value.AllowOrigins) ? known.value.AllowOrigins : [];
    return corsVerdicts({
      anyOrigin: origins.some((o) => typeof o === 'string' && o.trim() === '*'),
      originLabel: "'*'",
      credentials: isTrue(known.value.AllowCredentials),
    }, `HTTP API ${displayName(api)}`, 'Properties/CorsConfiguration/AllowOrigins');
  }
}
