import {
  NormalizedPolicy, NormalizedStatement, PolicyValue, PrincipalType, StatementCondition, StatementEffect, StatementPrincipal,
} from './policy-statement';
import { FindingIds } from '../core/finding-ids';
import { ValueKind } from '../core/resolved-value';
import { StackView } from '../core/stack-view';

const PRINCIPAL_TYPES: { [key: string]: PrincipalType } = {
  AWS: PrincipalType.AWS,
  Service: PrincipalType.SERVICE,
  Federated: PrincipalType.FEDERATED,
  CanonicalUser: PrincipalType.CANONICAL_USER,
};

/**
 * Reads policy documents as deployed in a template into `NormalizedStatement`s. Every shape IAM accepts is handled:
 * `Statement` as one object or a list, string-or-list fields, `"Principal": "*"`, documents written as JSON strings
 * (EventBridge and CloudWatch Logs accept them), also when CloudFormation assembles the text from intrinsics (an
 * `Fn::Join`, as aws-cdk-lib writes a Logs resource policy naming its log group), and intrinsic functions anywhere
 * (rendered through `StackView.resolve`; anything that depends on a parameter, an import or a condition is kept as
 * unknown with the reason). Never throws.
 */
export class PolicyReader {
  /**
   * Reads a policy document.
   *
   * @param document the document value from the template (`PolicyDocument`, `KeyPolicy`, ...)
   * @param view the stack the document belongs to
   * @param location the CloudFormation property path of the document, to locate findings
   */
  public static readDocument(document: any, view: StackView, location: string): NormalizedPolicy {
    const parsed = typeof document === 'string' ? parseJsonString(document) : assembledJson(document) ?? document;
    if (parsed === INVALID_JSON) return { statements: [], unknownReason: 'the policy document is a string that is not valid JSON' };
    if (parsed === undefined || parsed === null) return { statements: [] };
    if (!isPlainObject(parsed)) return { statements: [], unknownReason: unknownReasonOf(parsed, view, 'the policy document') };
    const raw = parsed.Statement;
    if (raw === undefined) return { statements: [] };
    if (!Array.isArray(raw) && !isPlainObject(raw)) {
      return { statements: [], unknownReason: unknownReasonOf(raw, view, 'the statement list') };
    }
    const list: any[] = Array.isArray(raw) ? raw : [raw];
    const statements: NormalizedStatement[] = [];
    list.forEach((statement, index) => {
      statements.push(PolicyReader.readStatement(statement, view, `${location}/Statement/${index}`, index));
    });
    return { statements };
  }

  /**
   * Reads one statement object (also used on its own for EventBridge `EventBusPolicy.Statement`).
   *
   * @param statement the statement value
   * @param view the stack the statement belongs to
   * @param location its CloudFormation property path
   * @param index its position in its document, for the fallback key `Statement<index>`
   */
  public static readStatement(statement: any, view: StackView, location: string, index: number): NormalizedStatement {
    const sid = typeof statement?.Sid === 'string' && statement.Sid.trim().length > 0 ? statement.Sid.trim() : undefined;
    const key = sid !== undefined ? FindingIds.sanitize(sid) : `Statement${index}`;
    if (!isPlainObject(statement)) {
      return {
        location,
        key,
        effect: StatementEffect.UNKNOWN,
        actions: [],
        notActions: [],
        resources: [],
        notResources: [],
        principals: [],
        notPrincipals: [],
        conditions: [],
        unknownReason: unknownReasonOf(statement, view, 'the statement'),
      };
    }
    const unknown: string[] = [];
    const conditions = readConditions(statement.Condition, view, unknown);
    return {
      location,
      key,
      sid,
      effect: readEffect(statement.Effect, view),
      actions: PolicyReader.readValues(statement.Action, view),
      notActions: PolicyReader.readValues(statement.NotAction, view),
      resources: PolicyReader.readValues(statement.Resource, view),
      notResources: PolicyReader.readValues(statement.NotResource, view),
      principals: PolicyReader.readPrincipals(statement.Principal, view),
      notPrincipals: PolicyReader.readPrincipals(statement.NotPrincipal, view),
      conditions,
      unknownReason: unknown.length > 0 ? unknown.join('; ') : undefined,
    };
  }

  /** Reads a string-or-list field (`Action`, `Resource`) into values; a whole list from a parameter is one unknown value. */
  public static readValues(field: any, view: StackView): PolicyValue[] {
    if (field === undefined || field === null) return [];
    if (Array.isArray(field)) return field.map((item) => PolicyReader.readValue(item, view));
    const resolved = view.resolve(field);
    if (resolved.kind !== ValueKind.EXTERNAL && Array.isArray(resolved.value)) {
      return resolved.value.map((item: any) => PolicyReader.readValue(item, view));
    }
    return [PolicyReader.readValue(field, view)];
  }

  /** Reads one element. */
  public static readValue(item: any, view: StackView): PolicyValue {
    const resolved = view.resolve(item);
    if (resolved.kind === ValueKind.EXTERNAL) {
      const partial = renderPartially(item, view);
      return {
        unknownReason: resolved.unknownReason,
        referencedLogicalIds: resolved.referencedLogicalIds,
        ...(partial !== undefined && partial !== UNKNOWN_PART ? { partialText: partial } : {}),
      };
    }
    if (typeof resolved.value === 'string' || typeof resolved.value === 'number' || typeof resolved.value === 'boolean') {
      return { text: String(resolved.value), referencedLogicalIds: resolved.referencedLogicalIds };
    }
    return {
      unknownReason: `a value only CloudFormation can compute (${JSON.stringify(item)})`,
      referencedLogicalIds: resolved.referencedLogicalIds,
    };
  }

  /**
   * Reads a `Principal` block: `"*"`, `{"AWS": ...}`, `{"Service": [...]}`. A bare string other than `*` (the
   * `Principal` property of `AWS::Lambda::Permission`) is classified by its shape.
   */
  public static readPrincipals(block: any, view: StackView): StatementPrincipal[] {
    if (block === undefined || block === null) return [];
    if (isPlainObject(block)) {
      const principals: StatementPrincipal[] = [];
      for (const [name, field] of Object.entries<any>(block)) {
        const principalType = PRINCIPAL_TYPES[name] ?? PrincipalType.UNKNOWN;
        for (const value of PolicyReader.readValues(field, view)) {
          principals.push({ principalType: value.text === '*' && principalType === PrincipalType.AWS ? PrincipalType.ANYONE : principalType, value });
        }
      }
      return principals;
    }
    return PolicyReader.readValues(block, view).map((value) => ({ principalType: principalTypeOfText(value), value }));
  }
}

/** `*` is anyone, `x.amazonaws.com` a service, anything else (account id, ARN) an AWS principal. */
function principalTypeOfText(value: PolicyValue): PrincipalType {
  if (value.text === undefined) return PrincipalType.UNKNOWN;
  if (value.text === '*') return PrincipalType.ANYONE;
  if (/\.(amazonaws\.com(\.cn)?|\$\{AWS::URLSuffix\})$/.test(value.text) || /^[a-z0-9-]+\.(amazonaws|amazon)\.com/.test(value.text)) {
    return PrincipalType.SERVICE;
  }
  return PrincipalType.AWS;
}

/** Stands for a part of a string that is not known at synth time (see `PolicyValue.partialText`). */
const UNKNOWN_PART = '${?}';

/**
 * Renders a string CloudFormation assembles (`Fn::Join`, `Fn::Sub`), putting `UNKNOWN_PART` where a part is not known
 * at synth time (a parameter, an import). Anything else that is not known is `UNKNOWN_PART` as a whole.
 */
function renderPartially(item: any, view: StackView): string {
  const resolved = view.resolve(item);
  if (resolved.kind !== ValueKind.EXTERNAL && (typeof resolved.value === 'string' || typeof resolved.value === 'number')) {
    return String(resolved.value);
  }
  if (resolved.kind !== ValueKind.EXTERNAL || item === null || typeof item !== 'object' || Array.isArray(item)) return UNKNOWN_PART;
  const join = item['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: any) => renderPartially(part, view)).join(join[0]);
  }
  const sub = item['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  const variables = Array.isArray(sub) && isPlainObject(sub[1]) ? sub[1] : {};
  if (typeof template === 'string') {
    return template.replace(/\$\{([^}]*)\}/g, (_whole: string, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in variables) return renderPartially(variables[name], view);
      const dot = name.indexOf('.');
      const reference = dot < 0 ? { Ref: name } : { 'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)] };
      return renderPartially(reference, view);
    });
  }
  return UNKNOWN_PART;
}

function readEffect(effect: any, view: StackView): StatementEffect {
  const resolved = view.resolve(effect);
  if (resolved.kind !== ValueKind.LITERAL) return StatementEffect.UNKNOWN;
  if (resolved.value === 'Allow') return StatementEffect.ALLOW;
  if (resolved.value === 'Deny') return StatementEffect.DENY;
  return StatementEffect.UNKNOWN;
}

function readConditions(block: any, view: StackView, unknown: string[]): StatementCondition[] {
  if (block === undefined || block === null) return [];
  if (!isPlainObject(block)) {
    unknown.push(`its Condition block is ${unknownReasonOf(block, view, 'not a literal object')}`);
    return [];
  }
  const conditions: StatementCondition[] = [];
  for (const [operator, tests] of Object.entries<any>(block)) {
    if (!isPlainObject(tests)) {
      unknown.push(`its ${operator} condition is ${unknownReasonOf(tests, view, 'not a literal object')}`);
      continue;
    }
    for (const [key, values] of Object.entries<any>(tests)) {
      conditions.push({ operator, key, values: PolicyReader.readValues(values, view) });
    }
  }
  return conditions;
}

function unknownReasonOf(value: any, view: StackView, what: string): string {
  return view.resolve(value).unknownReason ?? `${what} is not a literal (${JSON.stringify(value)})`;
}

const INVALID_JSON = Symbol('invalid JSON');

function parseJsonString(value: any): any {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return INVALID_JSON;
  }
}

/** Marks where an intrinsic stands in assembled JSON text: private-use characters, valid inside a JSON string. */
const HOLE_START = '\uE000';
const HOLE_END = '\uE001';
const HOLE = /\uE000(\d+)\uE001/g;

/**
 * A document CloudFormation assembles as JSON text: an `Fn::Join` of literal JSON and intrinsics, which is how
 * aws-cdk-lib writes a document that names a token inside a string-typed property (`logs.ResourcePolicy`, whose
 * statements name the log group's ARN). The text is parsed with each intrinsic kept where it stands (a string that is
 * only an intrinsic becomes that intrinsic, a string with an intrinsic inside becomes an `Fn::Join`), so the statements
 * are read exactly as if they were written as an object, and only what is really unknown stays unknown.
 *
 * @returns the document as an object, or undefined when the value is not such text or an intrinsic stands outside a
 *   string (a key, or a value written raw): the caller then reads it as a value it cannot see into
 */
function assembledJson(document: any): any {
  const join = document !== null && typeof document === 'object' ? document['Fn::Join'] : undefined;
  if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1])) return undefined;
  const holes: any[] = [];
  const text = join[1].map((part: any) => {
    if (typeof part === 'string') return part;
    holes.push(part);
    return `${HOLE_START}${holes.length - 1}${HOLE_END}`;
  }).join(join[0]);
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  let intact = true;
  const restore = (value: any): any => {
    if (typeof value === 'string') return restoreString(value, holes);
    if (Array.isArray(value)) return value.map(restore);
    if (value === null || typeof value !== 'object') return value;
    const restored: { [key: string]: any } = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(HOLE_START)) intact = false;
      restored[key] = restore(item);
    }
    return restored;
  };
  const result = restore(parsed);
  return intact ? result : undefined;
}

/** A string of assembled JSON with its intrinsics put back: the intrinsic itself, or an `Fn::Join` around it. */
function restoreString(value: string, holes: any[]): any {
  if (!value.includes(HOLE_START)) return value;
  const parts: any[] = [];
  let last = 0;
  for (const match of value.matchAll(HOLE)) {
    if (match.index! > last) parts.push(value.substring(last, match.index));
    parts.push(holes[Number(match[1])]);
    last = match.index! + match[0].length;
  }
  if (last < value.length) parts.push(value.substring(last));
  return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
}

function isPlainObject(value: any): value is { [key: string]: any } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return !(keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')));
}
