import { displayName } from './private/values';
import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Resource types that map an API to a custom domain, and the property naming the API. */
const MAPPINGS: Array<{ type: string; apiProperty: string }> = [
  { type: 'AWS::ApiGateway::BasePathMapping', apiProperty: 'RestApiId' },
  { type: 'AWS::ApiGateway::BasePathMappingV2', apiProperty: 'RestApiId' },
  { type: 'AWS::ApiGatewayV2::ApiMapping', apiProperty: 'ApiId' },
];

/**
 * T3: an API served on a custom domain disables its default `execute-api` endpoint. Otherwise the WAF, TLS policy,
 * mutual TLS and base-path routing configured on the domain can be bypassed by calling
 * `https://{id}.execute-api.{region}.amazonaws.com` directly. APIs without a custom domain are not applicable: the
 * default endpoint is then their only one.
 */
export class ApiDefaultEndpointRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-DEFAULT-ENDPOINT';

  public readonly id = ApiDefaultEndpointRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'The default execute-api endpoint lets callers bypass the custom domain\'s WAF, TLS policy and mutual TLS; authorization still applies, so it is defence in depth.';
  public readonly description = 'API Gateway APIs served on a custom domain disable the default execute-api endpoint.';
  public readonly remediation = 'Set `disableExecuteApiEndpoint: true` on the RestApi or HttpApi, or use SecureApi, which disables the default endpoint when its `domain` prop is set.';
  public readonly resourceTypes = ['AWS::ApiGateway::RestApi', 'AWS::ApiGatewayV2::Api'];

  public check(api: AuditedResource, stack: StackView): Verdict[] {
    const mappings = MAPPINGS.flatMap(({ type, apiProperty }) => stack.referencingResources(api.logicalId, type)
      .filter((m) => stack.referencedResource(m.properties[apiProperty])?.logicalId === api.logicalId));
    if (mappings.length === 0) return [];
    const disabled = readValue(stack, api.properties.DisableExecuteApiEndpoint);
    if (!disabled.known) {
      return [Verdicts.undecidable(`Whether API ${displayName(api)} disables its default endpoint is not known at synth time.`, disabled.unknownReason, { location: 'Properties/DisableExecuteApiEndpoint' })];
    }
    return isTrue(disabled.value) ? []
      : [Verdicts.violation(`API ${displayName(api)} is mapped to a custom domain (${mappings.map((m) => m.logicalId).join(', ')}) but keeps its default execute-api endpoint, which bypasses the domain's protections.`, { location: 'Properties/DisableExecuteApiEndpoint' })];
  }
}
