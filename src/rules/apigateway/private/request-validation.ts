import { RestApiTypes, restApiOf } from './rest-api-graph';
import { displayName } from './values';
import { AuditedResource } from '../../../core/audited-resource';
import { Known, isTrue, readValue } from '../../../core/private/values';
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
  if (!validator || validator.resourceType !== RestApiTypes.REQUEST_VALIDATOR) {
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

/** The Content-Types of the bodies a method passes on to its integration, and why. */
export interface AcceptedContentTypes {
  /** True when any Content-Type is passed on. */
  readonly any: boolean;
  /** The accepted types when not `any`. */
  readonly types: string[];
  /** Why, for findings (`its proxy integration passes any body on`). */
  readonly why: string;
}

/**
 * The Content-Types of the bodies a method passes on: a proxy integration passes any; a non-proxy one (AWS, HTTP,
 * MOCK) passes any type that has no request template unless `PassthroughBehavior` is `NEVER`, or `WHEN_NO_TEMPLATES`
 * with templates, in which case it accepts exactly its templates' types.
 */
export function acceptedContentTypes(method: AuditedResource, stack: StackView): Known<AcceptedContentTypes> {
  const type = readValue(stack, method.property('Integration.Type'));
  if (!type.known) return type;
  if (type.value === undefined || /_PROXY$/.test(String(type.value))) {
    return { known: true, value: { any: true, types: [], why: 'its proxy integration passes any body on' } };
  }
  const templates = readValue(stack, method.property('Integration.RequestTemplates'));
  if (!templates.known) return templates;
  const types = templates.value && typeof templates.value === 'object' ? Object.keys(templates.value) : [];
  const passthrough = readValue(stack, method.property('Integration.PassthroughBehavior'));
  if (!passthrough.known) return passthrough;
  const behavior = String(passthrough.value ?? 'WHEN_NO_MATCH').toUpperCase();
  if (types.length === 0 && behavior !== 'NEVER') {
    return { known: true, value: { any: true, types: [], why: 'its integration has no request template and passes any body through' } };
  }
  if (behavior === 'WHEN_NO_MATCH') {
    return { known: true, value: { any: true, types, why: 'its integration passes bodies without a template through (PassthroughBehavior WHEN_NO_MATCH)' } };
  }
  return { known: true, value: { any: false, types, why: `its integration rejects other types (PassthroughBehavior ${behavior})` } };
}
