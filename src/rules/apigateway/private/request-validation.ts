import { RestApiTypes, restApiOf } from './rest-api-graph';
import { displayName } from './values';
import { AuditedResource } from '../../../core/audited-resource';
import { isTrue, readValue } from '../../../core/private/values';
import { StackView } from '../../../core/stack-view';

/** Which half of a request validator a rule needs. */
export type ValidatorFlag = 'ValidateRequestBody' | 'ValidateRequestParameters';

/** What a method's `RequestValidatorId` says about one validation flag. */
export type ValidatorState =
  | { readonly state: 'validates'; readonly validator: AuditedResource }
  | { readonly state: 'missing' }
  | { readonly state: 'flag-off'; readonly validator: AuditedResource }
  | { readonly state: 'unknown'; readonly reason: string };

/**
 * Follows a method's `RequestValidatorId` to the `AWS::ApiGateway::RequestValidator` it names and reads one flag.
 * Only the validator attached to this method counts: a validator merely defined on the API validates nothing.
 */
export function validatorState(method: AuditedResource, stack: StackView, flag: ValidatorFlag): ValidatorState {
  const id = method.properties.RequestValidatorId;
  if (id === undefined || id === '') return { state: 'missing' };
  const validator = stack.referencedResource(id);
  if (!validator || validator.type !== RestApiTypes.REQUEST_VALIDATOR) {
    const known = readValue(stack, id);
    return { state: 'unknown', reason: known.known ? `request validator ${JSON.stringify(known.value)}, which this stack does not define` : known.unknownReason };
  }
  const value = readValue(stack, validator.properties[flag]);
  if (!value.known) return { state: 'unknown', reason: value.unknownReason };
  return isTrue(value.value) ? { state: 'validates', validator } : { state: 'flag-off', validator };
}

/**
 * " The API defines validator X, which this method does not use." when the API has a validator with the flag on:
 * the mistake cdk-nag cannot see, since it only checks that some validator exists.
 */
export function unusedValidatorNote(method: AuditedResource, stack: StackView, flag: ValidatorFlag): string {
  const api = restApiOf(method, stack);
  if (!api) return '';
  const validators = stack.referencingResources(api.logicalId, RestApiTypes.REQUEST_VALIDATOR)
    .filter((v) => isTrue(v.properties[flag]));
  return validators.length === 0 ? ''
    : ` The API defines ${validators.map(displayName).join(', ')}, which this method does not use: a validator only applies to the methods that name it.`;
}
