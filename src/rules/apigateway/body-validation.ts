import { acceptedContentTypes, unusedValidatorNote, validatorState } from './private/request-validation';
import { describeMethod, httpMethodOf } from './private/rest-api-graph';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Verbs whose requests carry a body API Gateway passes on. DELETE is left out on purpose: RFC 9110 gives a DELETE
 * body no defined semantics, API Gateway clients rarely send one, and flagging every DELETE would bury real findings;
 * a DELETE that does read a body should be declared with a model anyway and is then validated like any other.
 */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ANY']);

/** API Gateway's built-in models that accept anything. */
const PERMISSIVE_BUILTIN_MODELS = new Set(['Empty', 'Error']);

/**
 * T2: a REST method that accepts a body validates every body it passes on: a model for every Content-Type it accepts
 * AND a request validator with body validation attached to that method. Both are needed: a model without a validator
 * is documentation only, and a validator defined on the API but not attached to the method validates nothing
 * (cdk-nag's APIG2 only checks that the API has some validator).
 *
 * API Gateway picks the model by the request's Content-Type and skips body validation when none matches, so a model
 * for `application/json` alone lets a request sent as `text/plain` through unvalidated. Body validation holds only
 * with a `$default` model (used for every Content-Type without a model of its own) or a model for each Content-Type
 * the method accepts. Which types a method accepts follows from its integration: a proxy integration, or a
 * non-proxy one that passes unmapped types through (`PassthroughBehavior` `WHEN_NO_MATCH`, the default, or no request
 * template at all), accepts any; a non-proxy integration with `NEVER` or `WHEN_NO_TEMPLATES` and request templates
 * rejects the types it has no template for (415), so it accepts exactly its templates' types.
 */
export class RestApiBodyValidationRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-BODY-VALIDATION';

  public readonly id = RestApiBodyValidationRule.ID;
  public readonly category = RuleCategory.INPUT_VALIDATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A body no validator checks reaches the backend in any shape (unvalidated input), and a Content-Type without a model bypasses validation altogether.';
  public readonly description = 'Every API Gateway REST method that accepts a body (POST, PUT, PATCH, ANY) has a request model for every Content-Type it accepts (a $default model, or one per type) and a request validator with body validation attached to that method.';
  public readonly remediation = 'Set `requestModels: { $default: model }` (or a model for each Content-Type the integration accepts) and a `requestValidator` with `validateRequestBody: true` on the method, or use SecureApi, whose `addRoute({ requestSchema })` creates the model and attaches a body validator to the route.';
  public readonly resourceTypes = ['AWS::ApiGateway::Method'];

  public check(method: AuditedResource, stack: StackView): Verdict[] {
    const verb = httpMethodOf(method);
    if (verb === undefined) {
      const known = readValue(stack, method.properties.HttpMethod);
      return known.known ? [] : [Verdicts.undecidable(`The HTTP method of ${method.logicalId} is not known at synth time, so whether it accepts a body cannot be decided.`, known.unknownReason, { location: 'Properties/HttpMethod' })];
    }
    if (!BODY_METHODS.has(verb)) return [];
    const name = describeMethod(method, stack);
    return [...this.checkModels(method, name, stack), ...this.checkValidator(method, name, stack)];
  }

  private checkModels(method: AuditedResource, name: string, stack: StackView): Verdict[] {
    const location = 'Properties/RequestModels';
    const models = readValue(stack, method.properties.RequestModels);
    if (!models.known) {
      return [Verdicts.undecidable(`The request models of ${name} are not known at synth time.`, models.unknownReason, { location, findingId: 'model' })];
    }
    const byType: { [contentType: string]: any } = models.value && typeof models.value === 'object' ? models.value : {};
    const permissive = Object.keys(byType).filter((type) => typeof byType[type] === 'string' && PERMISSIVE_BUILTIN_MODELS.has(byType[type]));
    if (permissive.length > 0) {
      const type = permissive[0];
      return [Verdicts.violation(`${name} uses the built-in ${byType[type]} model for ${type}, which accepts any body.`, { location: `${location}/${type.replace(/\//g, '~1')}`, findingId: 'model' })];
    }
    const declared = Object.keys(byType);
    if (declared.length === 0) {
      return [Verdicts.violation(`${name} accepts a body but declares no request model, so no body is ever validated.`, { location, findingId: 'model' })];
    }
    if (byType.$default !== undefined) return [];
    const accepted = acceptedContentTypes(method, stack);
    if (!accepted.known) {
      return [Verdicts.undecidable(`Which Content-Types ${name} accepts, hence whether its models (${declared.join(', ')}) cover them, is not known.`, accepted.unknownReason, { location, findingId: 'model' })];
    }
    if (accepted.value.any) {
      return [Verdicts.violation(`${name} validates only ${declared.join(', ')} bodies: API Gateway skips body validation for any other Content-Type, `
        + `so a request sent as, say, text/plain reaches the backend unvalidated (${accepted.value.why}). Add a $default model.`, { location, findingId: 'model' })];
    }
    const uncovered = accepted.value.types.filter((type) => !declared.some((d) => d.toLowerCase() === type.toLowerCase()));
    if (uncovered.length === 0) return [];
    return [Verdicts.violation(`${name} accepts ${uncovered.join(', ')} bodies (it has request templates for them) but has no model for them: `
      + 'API Gateway passes them on unvalidated.', { location, findingId: 'model' })];
  }

  private checkValidator(method: AuditedResource, name: string, stack: StackView): Verdict[] {
    const state = validatorState(method, stack, 'ValidateRequestBody');
    switch (state.state) {
      case 'validates':
        return [];
      case 'unknown':
        return [Verdicts.undecidable(`Whether the request validator of ${name} validates the body is not known at synth time.`, state.reason, { location: 'Properties/RequestValidatorId', findingId: 'validator' })];
      case 'flag-off':
        return [Verdicts.violation(`${name} uses request validator ${state.validator.logicalId}, which does not validate the body (ValidateRequestBody is not true).`, { location: 'Properties/RequestValidatorId', findingId: 'validator' })];
      case 'missing':
        return [Verdicts.violation(`${name} accepts a body but has no request validator, so its model is never enforced.${unusedValidatorNote(method, stack, 'ValidateRequestBody')}`, { location: 'Properties/RequestValidatorId', findingId: 'validator' })];
    }
  }
}
