import { ValueKind } from '../../../core/resolved-value';
import { StackView } from '../../../core/stack-view';

/**
 * One element of a policy statement (an action, a resource, a principal) as far as it is known at synth time.
 * `text` is the literal string, or the string rendered with `${LogicalId.Attr}` / `${AWS::Partition}` placeholders
 * when CloudFormation builds it from resources of the stack; `unknownReason` is set instead when the element depends
 * on a parameter, an import or a condition.
 */
export interface PolicyElement {
  readonly text?: string;
  readonly unknownReason?: string;
  /**
   * For an element that is not known, the literal text around the unknown parts (`arn:aws:sqs:` + `:` of an ARN
   * joined with an imported account id): enough to tell that the element is not `*`.
   */
  readonly literalFragments?: string;
  /** Logical ids of the stack's resources the element refers to. */
  readonly referencedLogicalIds: string[];
}

/** One statement of a policy document, normalised: every list is an array, whatever the template wrote. */
export interface PolicyStatementView {
  /** CloudFormation property path of the statement (`Properties/PolicyDocument/Statement/2`). */
  readonly location: string;
  /** A stable short name for the statement, usable in finding ids: its `Sid`, else `Statement<index>`. */
  readonly key: string;
  /** `Allow`, `Deny`, or undefined when the effect is not a literal. */
  readonly effect?: string;
  readonly actions: PolicyElement[];
  readonly notActions: PolicyElement[];
  readonly resources: PolicyElement[];
  readonly notResources: PolicyElement[];
  /** The `Principal` block exactly as deployed (undefined in identity policies). */
  readonly principal?: any;
  /** The `NotPrincipal` block exactly as deployed. */
  readonly notPrincipal?: any;
  /** The `Condition` block exactly as deployed (undefined when the statement has none). */
  readonly condition?: any;
  /** True when the statement has `NotAction`, `NotResource` or `NotPrincipal`. */
  readonly hasNegation: boolean;
}

/** The statements of one policy document, or why they could not be read. */
export interface PolicyDocumentView {
  readonly statements: PolicyStatementView[];
  /** Set when the document or its statement list is not known at synth time (a parameter, an import). */
  readonly unknownReason?: string;
}

/**
 * Reads a policy document as deployed: `Statement` may be one object or an array, `Action`/`Resource` may be a string
 * or an array, and any element may be an intrinsic function. A document written as a JSON string (EventBridge bus
 * policies accept one) is parsed. Never throws.
 *
 * @param document the `PolicyDocument` value from the template
 * @param stack the view used to resolve intrinsic functions
 * @param location the CloudFormation property path of the document, to locate findings
 */
export function readPolicyDocument(document: any, stack: StackView, location: string): PolicyDocumentView {
  const parsed = parseIfJsonString(document);
  if (parsed === undefined || parsed === null) return { statements: [] };
  if (!isPlainObject(parsed)) {
    return { statements: [], unknownReason: stack.resolve(parsed).unknownReason ?? 'a policy document that is not a literal object' };
  }
  const rawStatements = parsed.Statement;
  if (rawStatements === undefined) return { statements: [] };
  if (!Array.isArray(rawStatements) && !isPlainObject(rawStatements)) {
    return { statements: [], unknownReason: stack.resolve(rawStatements).unknownReason ?? 'a Statement that is not a literal list' };
  }
  const list: any[] = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements = list.map((raw, index) => readStatement(raw, stack, `${location}/Statement/${index}`, index));
  return { statements: statements.filter((s): s is PolicyStatementView => s !== undefined) };
}

/** Reads one statement object (also used for EventBridge `EventBusPolicy.Statement`, which holds a single one). */
export function readStatement(raw: any, stack: StackView, location: string, index: number): PolicyStatementView | undefined {
  if (!isPlainObject(raw)) return undefined;
  const effect = stack.resolve(raw.Effect);
  const sid = typeof raw.Sid === 'string' && raw.Sid.length > 0 ? raw.Sid : undefined;
  return {
    location,
    key: sid ? FindingIds.sanitize(sid) : `Statement${index}`,
    effect: effect.kind === ValueKind.LITERAL && typeof effect.value === 'string' ? effect.value : undefined,
    actions: readElements(raw.Action, stack),
    notActions: readElements(raw.NotAction, stack),
    resources: readElements(raw.Resource, stack),
    notResources: readElements(raw.NotResource, stack),
    principal: raw.Principal,
    notPrincipal: raw.NotPrincipal,
    condition: isPlainObject(raw.Condition) && Object.keys(raw.Condition).length > 0 ? raw.Condition : undefined,
    hasNegation: raw.NotAction !== undefined || raw.NotResource !== undefined || raw.NotPrincipal !== undefined,
  };
}

/**
 * Reads a string-or-array policy field (`Action`, `Resource`, a principal list) into elements. An intrinsic that
 * yields the whole list (a `Ref` to a list parameter) becomes one unknown element.
 */
export function readElements(value: any, stack: StackView): PolicyElement[] {
  if (value === undefined || value === null) return [];
  const items: any[] = Array.isArray(value) ? value : [value];
  return items.map((item) => readElement(item, stack));
}

function readElement(item: any, stack: StackView): PolicyElement {
  const resolved = stack.resolve(item);
  if (resolved.kind === ValueKind.EXTERNAL) {
    return {
      unknownReason: resolved.unknownReason,
      literalFragments: literalFragmentsOf(item),
      referencedLogicalIds: resolved.referencedLogicalIds,
    };
  }
  if (typeof resolved.value === 'string') {
    return { text: resolved.value, referencedLogicalIds: resolved.referencedLogicalIds };
  }
  return {
    unknownReason: `a value CloudFormation computes at deploy time (${JSON.stringify(item)})`,
    referencedLogicalIds: resolved.referencedLogicalIds,
  };
}

/** The literal strings inside a `Fn::Join` or `Fn::Sub`, concatenated; empty for anything else. */
function literalFragmentsOf(item: any): string {
  if (typeof item === 'string') return item;
  if (!item || typeof item !== 'object' || Array.isArray(item)) return '';
  if (Array.isArray(item['Fn::Join']) && Array.isArray(item['Fn::Join'][1])) {
    const [separator, parts] = item['Fn::Join'];
    const fragments = (parts as any[]).map(literalFragmentsOf);
    return parts.length > 1 ? fragments.join(String(separator)) : fragments.join('');
  }
  if (item['Fn::Sub'] !== undefined) {
    const text = Array.isArray(item['Fn::Sub']) ? item['Fn::Sub'][0] : item['Fn::Sub'];
    return typeof text === 'string' ? text.replace(/\$\{[^}]*\}/g, '') : '';
  }
  return '';
}

/** Finding ids accept letters, digits, `-`, `_`, `.`, `:` and `*`: anything else becomes `_`. */
export class FindingIds {
  public static sanitize(text: string): string {
    return text.replace(/[^A-Za-z0-9\-_.:*]/g, '_');
  }
}

/** Parses a JSON string document; returns other values unchanged and undefined for unparseable strings. */
export function parseIfJsonString(value: any): any {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

export function isPlainObject(value: any): value is { [key: string]: any } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return !(keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')));
}
