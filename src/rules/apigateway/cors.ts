import { corsFromResponseParameters, corsVerdicts } from './private/cors';
import { describeMethod } from './private/rest-api-graph';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * T3: REST API CORS headers name explicit origins. Read where API Gateway itself sets them: the integration
 * responses of methods (the `MOCK` pre-flight `OPTIONS` methods aws-cdk-lib generates, and any non-proxy
 * integration) and gateway responses (`AWS::ApiGateway::GatewayResponse`, which answer errors such as 401 and 403).
 * Headers a Lambda proxy integration returns from code are outside the template and outside this rule.
 */
export class RestApiCorsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-CORS';

  public readonly id = RestApiCorsRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'Any origin together with credentials lets every web site make authenticated calls with a visitor\'s cookies and read the answers (an error); any origin without credentials is a warning.';
  public readonly description = 'API Gateway REST CORS responses name explicit origins and never allow any origin together with credentials.';
  public readonly remediation = 'List explicit origins in `defaultCorsPreflightOptions.allowOrigins` / `addCorsPreflight` and in gateway response headers, or use SecureApi, whose `corsAllowOrigins` prop accepts explicit origins only and keeps CORS off by default.';
  public readonly resourceTypes = ['AWS::ApiGateway::Method', 'AWS::ApiGateway::GatewayResponse'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resource.resourceType === 'AWS::ApiGateway::GatewayResponse' ? this.checkGatewayResponse(resource, stack) : this.checkMethod(resource, stack);
  }

  private checkMethod(method: AuditedResource, stack: StackView): Verdict[] {
    const responses = readValue(stack, method.property('Integration.IntegrationResponses'));
    if (!responses.known) {
      return [Verdicts.undecidable(`The integration responses of ${describeMethod(method, stack)} are not known at synth time.`, responses.unknownReason, { location: 'Properties/Integration/IntegrationResponses' })];
    }
    const list: any[] = Array.isArray(responses.value) ? responses.value : [];
    return list.flatMap((response, i) => corsVerdicts(
      corsFromResponseParameters(response?.ResponseParameters, 'method.response.header.'),
      `${describeMethod(method, stack)} (integration response ${response?.StatusCode ?? i})`,
      `Properties/Integration/IntegrationResponses/${i}/ResponseParameters`));
  }

  private checkGatewayResponse(response: AuditedResource, stack: StackView): Verdict[] {
    const parameters = readValue(stack, response.properties.ResponseParameters);
    if (!parameters.known) {
      return [Verdicts.undecidable(`The headers of gateway response ${response.logicalId} are not known at synth time.`, parameters.unknownReason, { location: 'Properties/ResponseParameters' })];
    }
    const type = typeof response.properties.ResponseType === 'string' ? response.properties.ResponseType : response.logicalId;
    return corsVerdicts(corsFromResponseParameters(parameters.value, 'gatewayresponse.header.'),
      `Gateway response ${type}`, 'Properties/ResponseParameters');
  }
}
