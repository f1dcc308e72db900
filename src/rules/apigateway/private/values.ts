import { AuditedResource } from '../../../core/audited-resource';
import { ValueKind } from '../../../core/resolved-value';
import { StackView } from '../../../core/stack-view';

/** A deployed value a rule needs, either known at synth time or not. */
export type Known<T = any> = { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

/**
 * Reads a deployed value for a rule. Literals come back as they are; references and values CloudFormation assembles
 * from this stack's resources come back rendered with `${LogicalId}` placeholders (their shape is known); anything
 * that depends on a parameter, an import or a condition is unknown, with the reason to put in an "unable to decide"
 * verdict.
 */
export function read(stack: StackView, value: any): Known {
  const resolved = stack.resolve(value);
  if (resolved.kind === ValueKind.EXTERNAL) {
    return { known: false, reason: resolved.unknownReason ?? 'a value unknown at synth time' };
  }
  return { known: true, value: resolved.kind === ValueKind.LITERAL ? value : resolved.value };
}

/** CloudFormation booleans arrive as `true` or as the strings `"true"`/`"false"`. */
export function isTrue(value: any): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** A short human name for a resource in findings: its `Name` property when literal, else its logical id. */
export function displayName(resource: AuditedResource): string {
  const name = resource.properties.Name;
  return typeof name === 'string' ? `${name} (${resource.logicalId})` : resource.logicalId;
}
