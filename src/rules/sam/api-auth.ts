import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { isIntrinsic, isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const SAM_FUNCTION = 'AWS::Serverless::Function';
const SAM_APIS: { [eventType: string]: { type: string; idProperty: string; implicit: string } } = {
  Api: { type: 'AWS::Serverless::Api', idProperty: 'RestApiId', implicit: 'ServerlessRestApi' },
  HttpApi: { type: 'AWS::Serverless::HttpApi', idProperty: 'ApiId', implicit: 'ServerlessHttpApi' },
};

/**
 * T1: the APIs of the AWS::Serverless-2016-10-31 transform (SAM) authenticate every route. SAM builds the API Gateway
 * methods and routes at deploy time, so they are not in the template the audit reads; the rule judges the SAM shapes
 * directly:
 * - each `Api` or `HttpApi` event of an `AWS::Serverless::Function`: its `Auth.Authorizer`, else the
 *   `Auth.DefaultAuthorizer` of the `AWS::Serverless::Api` / `HttpApi` it names. `Authorizer: NONE`, or no authorizer
 *   on either, is an error (finding = the event name); an API key alone (`ApiKeyRequired`) too (`<event>.api-key-only`).
 *   An event on the implicit API (no `RestApiId` / `ApiId`) takes its auth from the implicit API SAM creates
 *   (`ServerlessRestApi` / `ServerlessHttpApi`), which the view holds, configured by the template's `Globals`.
 *   `OPTIONS` events (CORS pre-flight) are exempt.
 * - an `AWS::Serverless::Api` / `HttpApi` defined by an OpenAPI document (`DefinitionBody`, `DefinitionUri`): its
 *   routes' security is in the document, which the audit does not read: undecidable (`openapi-definition`).
 */
export class SamApiAuthRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SAM-API-AUTH';

  public readonly id = SamApiAuthRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A SAM API event without an authorizer becomes a public method or route: anyone on the internet can call the function (missing authentication).';
  public readonly description = 'Every API event of a SAM function is authenticated, by its own Auth.Authorizer or by its API\'s Auth.DefaultAuthorizer.';
  public readonly remediation = 'Set `Auth.DefaultAuthorizer` (a Cognito, JWT or Lambda authorizer, or AWS_IAM) on the AWS::Serverless::Api or HttpApi '
    + 'and name that API in each event (`RestApiId` / `ApiId`); never `Auth.Authorizer: NONE` except for deliberate public routes, acknowledged with a reason.';
  public readonly resourceTypes = [SAM_FUNCTION, 'AWS::Serverless::Api', 'AWS::Serverless::HttpApi'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (resource.resourceType !== SAM_FUNCTION) return this.checkApi(resource);
    const events = resource.properties.Events;
    if (isIntrinsic(events)) {
      const known = readValue(stack, events);
      if (!known.known) return [Verdicts.undecidable('The events of the SAM function, hence its API routes, are not known.', known.unknownReason, { location: 'Properties/Events' })];
    }
    if (!events || typeof events !== 'object' || isIntrinsic(events)) return [];
    const verdicts: Verdict[] = [];
    for (const name of Object.keys(events)) {
      const event = events[name];
      const api = SAM_APIS[event?.Type];
      if (!api) continue;
      const verdict = this.checkEvent(name, event.Properties ?? {}, api, stack);
      if (verdict) verdicts.push(verdict);
    }
    return verdicts;
  }

  private checkEvent(name: string, props: { [key: string]: any }, api: { type: string; idProperty: string; implicit: string },
    stack: StackView): Verdict | undefined {
    const route = `${typeof props.Method === 'string' ? props.Method.toUpperCase() : 'ANY'} ${typeof props.Path === 'string' ? props.Path : '$default'}`;
    if (route.startsWith('OPTIONS ')) return undefined;
    const subject = `Event ${name} (${route}) of the SAM function`;
    const location = `Properties/Events/${name}/Properties/Auth`;
    const findingId = FindingIds.sanitize(name);
    const authorizer = readValue(stack, props.Auth?.Authorizer);
    if (!authorizer.known) return Verdicts.undecidable(`The authorizer of ${subject.charAt(0).toLowerCase()}${subject.slice(1)} is not known.`, authorizer.unknownReason, { location, findingId });
    if (authorizer.value === 'NONE') {
      return this.openVerdict(`${subject} has Auth.Authorizer NONE: anyone can call it.`, isTrue(props.Auth?.ApiKeyRequired), location, findingId);
    }
    if (authorizer.value !== undefined) return undefined;
    const apiRef = props[api.idProperty];
    const samApi = apiRef === undefined ? stack.resource(api.implicit) : stack.referencedResource(apiRef);
    if (samApi?.resourceType !== api.type) {
      const known = readValue(stack, apiRef);
      return Verdicts.undecidable(`${subject} sets no authorizer and its API's default authorizer is not known.`,
        known.known ? `API ${JSON.stringify(known.value)}, which this stack does not define as ${api.type}` : known.unknownReason, { location, findingId });
    }
    const defaultAuthorizer = readValue(stack, samApi.property('Auth.DefaultAuthorizer'));
    if (!defaultAuthorizer.known) {
      return Verdicts.undecidable(`The default authorizer of API ${samApi.logicalId}, which ${subject.charAt(0).toLowerCase()}${subject.slice(1)} relies on, is not known.`, defaultAuthorizer.unknownReason, { location, findingId });
    }
    if (defaultAuthorizer.value !== undefined && defaultAuthorizer.value !== 'NONE') return undefined;
    const apiKey = isTrue(props.Auth?.ApiKeyRequired) || isTrue(samApi.property('Auth.ApiKeyRequired'));
    const which = apiRef === undefined ? `the implicit API ${samApi.logicalId} (Globals.${api.type.split('::')[2]}.Auth.DefaultAuthorizer)`
      : `API ${samApi.logicalId} (Auth.DefaultAuthorizer)`;
    return this.openVerdict(`${subject} has no authorizer: neither the event nor ${which} sets one.`, apiKey, location, findingId);
  }

  private openVerdict(detail: string, apiKey: boolean, location: string, findingId: string): Verdict {
    if (apiKey) {
      return Verdicts.violation(detail.replace(/: anyone can call it\.$|\.$/, ': it is protected only by an API key, which is metering, not authentication.'), { location, findingId: `${findingId}.api-key-only` });
    }
    return Verdicts.violation(detail, { location, findingId });
  }

  private checkApi(api: AuditedResource): Verdict[] {
    const source = api.properties.DefinitionBody !== undefined ? 'DefinitionBody' : api.properties.DefinitionUri !== undefined ? 'DefinitionUri' : undefined;
    if (!source) return [];
    return [Verdicts.undecidable(`SAM API ${api.logicalId} defines its routes in an OpenAPI document (${source}), whose security requirements the audit does not read.`,
      `the OpenAPI document in ${source}`, { location: `Properties/${source}`, findingId: 'openapi-definition' })];
  }
}
