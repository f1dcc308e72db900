import { unusedValidatorNote, validatorState } from './private/request-validation';
import { describeMethod } from './private/rest-api-graph';

import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * T2: path, query string and header parameters a method declares required (`RequestParameters` value `true`) are
 * only enforced when the method's request validator has `ValidateRequestParameters` on. Without it, "required" is
 * documentation and the backend receives requests without them.
 */
export class RestApiParamValidationRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-PARAM-VALIDATION';

  public readonly id = RestApiParamValidationRule.ID;
  public readonly category = RuleCategory.INPUT_VALIDATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Required parameters declared but not enforced let requests without them reach a backend that should cope anyway: defence in depth a secure app would still turn on.';
  public readonly description = 'API Gateway REST methods that declare required request parameters attach a request validator that validates parameters.';
  public readonly remediation = 'Attach a `requestValidator` with `validateRequestParameters: true` to the method, or use SecureApi, whose `addRoute({ requiredQueryParameters, requiredHeaders })` (path parameters are required automatically) declares the parameters and attaches a validator that checks them.';
  public readonly resourceTypes = ['AWS::ApiGateway::Method'];

  public check(method: AuditedResource, stack: StackView): Verdict[] {
    const params = readValue(stack, method.properties.RequestParameters);
    if (!params.known) {
      return [Verdicts.undecidable(`The request parameters of ${method.logicalId} are not known at synth time.`, params.unknownReason, { location: 'Properties/RequestParameters' })];
    }
    const required = Object.entries<any>(params.value ?? {}).filter(([, value]) => isTrue(value)).map(([key]) => key);
    if (required.length === 0) return [];
    const name = describeMethod(method, stack);
    const list = required.join(', ');
    const state = validatorState(method, stack, 'ValidateRequestParameters');
    switch (state.state) {
      case 'validates':
        return [];
      case 'unknown':
        return [Verdicts.undecidable(`Whether the request validator of ${name} validates its required parameters (${list}) is not known at synth time.`, state.reason, { location: 'Properties/RequestValidatorId' })];
      case 'flag-off':
        return [Verdicts.violation(`${name} declares required parameters (${list}) but its request validator ${state.validator.logicalId} does not validate parameters.`, { location: 'Properties/RequestValidatorId' })];
      case 'missing':
        return [Verdicts.violation(`${name} declares required parameters (${list}) but has no request validator, so they are not enforced.${unusedValidatorNote(method, stack, 'ValidateRequestParameters')}`, { location: 'Properties/RequestValidatorId' })];
    }
  }
}
