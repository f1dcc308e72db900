import { unusedValidatorNote, validatorState } from './private/request-validation';
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
 * T2: a REST method that accepts a body declares a JSON model for it AND names a request validator that validates
 * the body. Both are needed: a model without a validator is documentation only, and a validator defined on the API
 * but not attached to the method validates nothing (cdk-nag's APIG2 only checks that the API has some validator).
 */
export class RestApiBodyValidationRule implements IRule {
  public readonly id = 'SLS-APIGW-BODY-VALIDATION';
  public readonly category = RuleCategory.INPUT_VALIDATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason = 'A body no validator checks reaches the backend in any shape (unvalidated input), and a Content-Type without a model bypasses validation altogether.';
  public readonly description = 'Every API Gateway REST method that accepts a body (POST, PUT, PATCH, ANY) has an application/json request model and a request validator with body validation attached to that method.';
  public readonly remediation = 'Set `requestModels` ({ "application/json": model }) and a `requestValidator` with `validateRequestBody: true` on the method, or use SecureApi, whose `addRoute({ requestSchema })` creates the model and attaches a body validator to the route.';
  public readonly resourceTypes = ['AWS::ApiGateway::Method'];

  public check(method: AuditedResource, stack: StackView): Verdict[] {
    const verb = httpMethodOf(method);
    if (verb === undefined) {
      const known = readValue(stack, method.properties.HttpMethod);
      return known.known ? [] : [Verdicts.undecidable(`The HTTP method of ${method.logicalId} is not known at synth time, so whether it accepts a body cannot be decided.`, known.unknownReason, { location: 'Properties/HttpMethod' })];
    }
    if (!BODY_METHODS.has(verb)) return [];
    const name = describeMethod(method, stack);
    return [...this.checkModel(method, name, stack), ...this.checkValidator(method, name, stack)];
  }

  private checkModel(method: AuditedResource, name: string, stack: StackView): Verdict[] {
    const models = readValue(stack, method.properties.RequestModels);
    if (!models.known) {
      return [Verdicts.undecidable(`The request models of ${name} are not known at synth time.`, models.unknownReason, { location: 'Properties/RequestModels', findingId: 'model' })];
    }
    const json = models.value?.['application/json'];
    if (json === undefined) {
      return [Verdicts.violation(`${name} accepts a body but declares no application/json request model.`, { location: 'Properties/RequestModels', findingId: 'model' })];
    }
    if (typeof json === 'string' && PERMISSIVE_BUILTIN_MODELS.has(json)) {
      return [Verdicts.violation(`${name} uses the built-in ${json} model, which accepts any body.`, { location: 'Properties/RequestModels/application~1json', findingId: 'model' })];
    }
    return [];
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
