import { ValueKind } from '../../../core/resolved-value';
import { StackView } from '../../../core/stack-view';

/** What a rule knows about one deployed value. */
export interface KnownValue {
  /** True when the value is known at synth time (literal, or built from this stack's resources). */
  readonly known: boolean;
  /**
   * The literal value, or the value rendered with `${LogicalId}` / `${AWS::AccountId}` placeholders.
   * Undefined when unknown.
   */
  readonly value?: any;
  /** What is unknown, for an "unable to decide" verdict. Undefined when known. */
  readonly unknownReason?: string;
}

/** Reads a deployed value: the literal itself, the rendered form of a deploy-time value, or why it is unknown. */
export function readValue(stack: StackView, value: any): KnownValue {
  const resolved = stack.resolve(value);
  if (resolved.kind === ValueKind.EXTERNAL) {
    return { known: false, unknownReason: resolved.unknownReason ?? 'a value unknown at synth time' };
  }
  return { known: true, value: resolved.kind === ValueKind.LITERAL ? value : resolved.value };
}

/** CloudFormation booleans arrive as `true` or as the strings `"true"` / `"false"`. */
export function isTrue(value: any): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** True when the value is itself an intrinsic function (`{ "Fn::If": [...] }`), not a plain object or literal. */
export function isIntrinsic(value: any): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
