import { AuditedResource } from '../../../core/audited-resource';
import { StackView } from '../../../core/stack-view';

export const FUNCTION_TYPE = 'AWS::Lambda::Function';
/** A function of the AWS::Serverless-2016-10-31 transform (SAM), audited directly: the transform runs at deploy time. */
export const SAM_FUNCTION = 'AWS::Serverless::Function';
const QUALIFIER_TYPES = ['AWS::Lambda::Alias', 'AWS::Lambda::Version'];

/**
 * The function of this stack that a value designates: a `Ref` or `Fn::GetAtt` to the function, to one of its
 * aliases or versions, or an ARN assembled from one of them (`${Fn.Arn}:live`).
 *
 * @returns the function, or undefined when the value designates no function of this stack
 */
export function targetFunction(stack: StackView, value: any): AuditedResource | undefined {
  if (value === undefined) return undefined;
  for (const id of stack.resolve(value).referencedLogicalIds) {
    const resource = stack.resource(id);
    if (resource?.resourceType === FUNCTION_TYPE) return resource;
    if (resource && QUALIFIER_TYPES.includes(resource.resourceType)) {
      const underlying = stack.referencedResource(resource.properties.FunctionName);
      if (underlying?.resourceType === FUNCTION_TYPE) return underlying;
    }
  }
  return undefined;
}

/**
 * The resources of a type that target a function, directly or through one of its aliases or versions (an
 * `AWS::Lambda::EventInvokeConfig` on an alias, an alarm on an alias metric), through the stack's reverse index.
 * The caller still checks in which property the reference sits.
 */
export function resourcesTargeting(stack: StackView, fn: AuditedResource, type: string): AuditedResource[] {
  const ids = [fn.logicalId];
  for (const qualifierType of QUALIFIER_TYPES) {
    ids.push(...stack.referencingResources(fn.logicalId, qualifierType).map((r) => r.logicalId));
  }
  const found = new Map<string, AuditedResource>();
  for (const id of ids) {
    for (const r of stack.referencingResources(id, type)) found.set(r.logicalId, r);
  }
  return [...found.values()];
}

/** Container-image functions have no runtime, no layers and no code signing: several rules do not apply to them. */
export function isContainerImage(fn: AuditedResource): boolean {
  return fn.properties.PackageType === 'Image';
}

/**
 * Whether a value (an alarm dimension, a `FunctionName` property) designates this function: by reference, or by its
 * literal name or ARN when the function has a literal `FunctionName`.
 */
export function designatesFunction(stack: StackView, value: any, fn: AuditedResource): boolean {
  if (targetFunction(stack, value)?.logicalId === fn.logicalId) return true;
  const name = fn.properties.FunctionName;
  if (typeof name !== 'string' || typeof value !== 'string') return false;
  return value === name || new RegExp(`:function:${escapeRegExp(name)}(?::[^:]+)?$`).test(value);
}

/**
 * The resources of a type that may designate the function: those referring to it or its aliases and versions,
 * plus, when the function has a literal name, every resource of the type (a name can be written out literally).
 * Callers confirm with `designatesFunction` on the property that matters.
 */
export function candidatesDesignating(stack: StackView, fn: AuditedResource, type: string): AuditedResource[] {
  const referring = resourcesTargeting(stack, fn, type);
  if (typeof fn.properties.FunctionName !== 'string') return referring;
  const all = new Map(referring.map((r) => [r.logicalId, r]));
  for (const r of stack.resourcesOfType(type)) all.set(r.logicalId, r);
  return [...all.values()];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
