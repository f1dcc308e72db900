import { ValueKind } from '../../../engine/resolved-value';
import { StackView } from '../../../engine/stack-view';
import { Severity, Verdict, VerdictKind } from '../../rule';

/** Optional parts of a verdict. */
export interface VerdictOptions {
  /** CloudFormation property path of the problem (`Properties/TracingConfig/Mode`). */
  readonly location?: string;
  /** Stable id of the finding when a rule reports several on one resource. */
  readonly findingId?: string;
  /** Overrides the rule's severity for this verdict. */
  readonly severity?: Severity;
}

/** A violation. The verdict is written out field by field (undefined when not given): one shape for every verdict. */
export function violation(detail: string, options: VerdictOptions = {}): Verdict {
  return { kind: VerdictKind.VIOLATION, detail, location: options.location, findingId: options.findingId, severity: options.severity };
}

/**
 * The verdict for a value that is unknown at synth time. `reason` is the `unknownReason` of the resolved value
 * (`parameter LayerArn`, `Fn::ImportValue "SharedKey"`), so the user sees exactly what the rule could not see.
 */
export function undecidable(detail: string, reason: string, options: VerdictOptions = {}): Verdict {
  return {
    kind: VerdictKind.UNDECIDABLE,
    detail: `${detail} It depends on ${reason}, unknown at synth time.`,
    location: options.location,
    findingId: options.findingId,
    severity: options.severity,
  };
}

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
