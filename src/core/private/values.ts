import { ValueKind } from '../resolved-value';
import { StackView } from '../stack-view';

/**
 * What a built-in rule knows about one deployed value: the value (a literal, or rendered with `${LogicalId}` /
 * `${AWS::Region}` placeholders when CloudFormation assembles it from this stack's resources), or why it is unknown,
 * for an "unable to decide" verdict. Custom rules use the public `StackView.resolve`.
 */
export type Known<T = any> =
  | { readonly known: true; readonly value: T; readonly unknownReason?: undefined }
  | { readonly known: false; readonly value?: undefined; readonly unknownReason: string };

/** Reads a deployed value through the view's value model. */
export function readValue(stack: StackView, value: any): Known {
  const resolved = stack.resolve(value);
  if (resolved.kind === ValueKind.EXTERNAL) {
    return { known: false, unknownReason: resolved.unknownReason ?? 'a value unknown at synth time' };
  }
  return { known: true, value: resolved.value };
}

/** CloudFormation booleans arrive as `true` or as the strings `"true"` / `"false"` (any case). */
export function isTrue(value: any): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** True when the value is itself an intrinsic function (`{ "Fn::If": [...] }`), not a plain object or literal. */
export function isIntrinsic(value: any): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
