import { AuditedResource } from './audited-resource';
import { ResolvedValue, ValueKind } from './resolved-value';

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId',
  'AWS::StackName', 'AWS::URLSuffix',
]);

/** What a host knows about a stack besides its template. */
export interface StackViewOptions {
  /**
   * The construct path of each logical id.
   *
   * @default - each resource's `aws:cdk:path` metadata, else its logical id
   */
  readonly constructPaths?: { [logicalId: string]: string };
  /**
   * The synthesized template file the view was read from.
   *
   * @default - built from the construct tree
   */
  readonly templatePath?: string;
  /**
   * The account the stack deploys to (`Stack.of(scope).account` when it is not a token); anything but a 12-digit
   * account id is ignored.
   *
   * @default - environment-agnostic
   */
  readonly account?: string;
  /**
   * The day (`YYYY-MM-DD`, UTC) the audit judges dates against.
   *
   * @default - the current UTC day
   */
  readonly today?: string;
}

/**
 * The deployed view of one stack: its resources as CloudFormation receives them, indexed by logical id and by type,
 * with helpers to follow references between resources. Built once per stack per audit; rules only read it.
 */
export class StackView {
  /** The stack's construct path (`MyStack`, `MyStage/MyStack`). */
  public readonly stackPath: string;
  /**
   * The synthesized template file, when the view was built from one.
   *
   * @default - built from the construct tree
   */
  public readonly templatePath?: string;
  /**
   * The account the stack deploys to, when the stack names it literally (a stack with an explicit `env`). Such a
   * stack renders its own account as this literal id rather than `AWS::AccountId`, so rules that judge who is
   * "another account" (trust and resource policies) must know it.
   *
   * @default - environment-agnostic: the account is `AWS::AccountId`, known only at deploy time
   */
  public readonly account?: string;
  /**
   * The day (`YYYY-MM-DD`, UTC) the audit judges dates against: runtime deprecation and acknowledgement expiry. The
   * hosts set it from `AuditDate.today(app)` (context `cdk-secure-serverless:today`).
   */
  public readonly today: string;

  /**
   * The 1-based line on which each resource's definition starts in `templatePath`, when the host indexed the text it
   * parsed: reports then point at resources without reading the file again.
   *
   * @internal
   */
  public _resourceLines?: Map<string, number>;

  private readonly byLogicalId = new Map<string, AuditedResource>();
  private readonly byType = new Map<string, AuditedResource[]>();
  private readonly parameters: Set<string>;
  private referrers?: Map<string, AuditedResource[]>;

  /**
   * @param stackPath the stack's construct path
   * @param template the synthesized CloudFormation template (JSON object)
   * @param options what the host knows besides the template
   */
  constructor(stackPath: string, template: { [key: string]: any }, options?: StackViewOptions) {
    this.stackPath = stackPath;
    this.templatePath = options?.templatePath;
    const account = options?.account;
    this.account = account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
    this.today = options?.today ?? new Date().toISOString().substring(0, 10);
    this.parameters = new Set(Object.keys(template.Parameters ?? {}));
    const constructPaths = options?.constructPaths;
    for (const [logicalId, raw] of Object.entries<any>(template.Resources ?? {})) {
      if (!raw || typeof raw !== 'object' || typeof raw.Type !== 'string') continue;
      const resource = new AuditedResource(logicalId, raw.Type, raw.Properties, raw.Metadata, constructPaths?.[logicalId]);
      this.byLogicalId.set(logicalId, resource);
      const list = this.byType.get(raw.Type) ?? [];
      list.push(resource);
      this.byType.set(raw.Type, list);
    }
  }

  /** Every resource of the stack, in template order. */
  public get resources(): AuditedResource[] {
    return [...this.byLogicalId.values()];
  }

  /**
   * The resource with this logical id.
   *
   * @returns the resource, or undefined when the stack has none with that id
   */
  public resource(logicalId: string): AuditedResource | undefined {
    return this.byLogicalId.get(logicalId);
  }

  /** The resources of one CloudFormation type (`AWS::IAM::Policy`). */
  public resourcesOfType(type: string): AuditedResource[] {
    return this.byType.get(type) ?? [];
  }

  /**
   * Follows a `Ref` or `Fn::GetAtt` to the resource it names.
   *
   * @returns the resource, or undefined when the value is not a reference to a resource of this stack
   */
  public referencedResource(value: any): AuditedResource | undefined {
    const id = directReference(value);
    return id === undefined ? undefined : this.byLogicalId.get(id);
  }

  /**
   * The resources whose properties refer (through `Ref`, `Fn::GetAtt` or `Fn::Sub`) to the given resource, optionally
   * only those of one type. Answers questions such as "which alarms watch this function" or "which policies attach
   * to this role". The reverse index is built once per view.
   */
  public referencingResources(logicalId: string, type?: string): AuditedResource[] {
    if (!this.referrers) this.referrers = this.buildReferrers();
    const all = this.referrers.get(logicalId) ?? [];
    return type === undefined ? all : all.filter((r) => r.type === type);
  }

  /** Classifies a deployed value by what is known of it at synth time. Never throws. */
  public resolve(value: any): ResolvedValue {
    if (isPlainLiteral(value)) return { kind: ValueKind.LITERAL, value, referencedLogicalIds: [] }; // the usual case
    const references = new Set<string>();
    const unknown: string[] = [];
    const rendered = this.render(value, references, unknown);
    if (unknown.length > 0) {
      return { kind: ValueKind.EXTERNAL, referencedLogicalIds: [...references], unknownReason: unknown.join(', ') };
    }
    if (!containsIntrinsic(value)) {
      return { kind: ValueKind.LITERAL, value, referencedLogicalIds: [] };
    }
    const kind = directReference(value) !== undefined ? ValueKind.RESOURCE_REFERENCE : ValueKind.DEPLOY_TIME;
    return { kind, value: rendered, referencedLogicalIds: [...references] };
  }

  /** True when the name is a parameter of this stack's template. */
  public isParameter(name: string): boolean {
    return this.parameters.has(name);
  }

  private buildReferrers(): Map<string, AuditedResource[]> {
    const referrers = new Map<string, AuditedResource[]>();
    for (const resource of this.byLogicalId.values()) {
      const targets = new Set<string>();
      collectReferences(resource.properties, targets);
      for (const target of targets) {
        if (target === resource.logicalId) continue;
        const list = referrers.get(target) ?? [];
        list.push(resource);
        referrers.set(target, list);
      }
    }
    return referrers;
  }

  /** Renders a value to a string with placeholders, recording references and anything unknown. */
  private render(value: any, references: Set<string>, unknown: string[]): any {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'string' && value.includes('{{resolve:')) unknown.push(`dynamic reference ${value}`);
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => this.render(v, references, unknown));
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition')) {
      return this.renderIntrinsic(keys[0], value[keys[0]], references, unknown);
    }
    const out: { [key: string]: any } = {};
    for (const key of keys) out[key] = this.render(value[key], references, unknown);
    return out;
  }

  private renderIntrinsic(fn: string, arg: any, references: Set<string>, unknown: string[]): any {
    switch (fn) {
      case 'Ref':
        return this.renderName(String(arg), undefined, references, unknown);
      case 'Fn::GetAtt': {
        const [id, attr] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/);
        return this.renderName(String(id), String(attr), references, unknown);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) break;
        const parts = arg[1].map((p: any) => this.render(p, references, unknown));
        return parts.every((p: any) => typeof p === 'string' || typeof p === 'number')
          ? parts.join(String(arg[0])) : parts;
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
        if (typeof text !== 'string') break;
        return text.replace(/\$\{([^!}][^}]*)\}/g, (_match, name: string) => {
          if (vars && name in vars) return String(this.render(vars[name], references, unknown));
          const [id, attr] = name.split(/\.(.*)/);
          return this.renderName(id, attr || undefined, references, unknown);
        });
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) break;
        const list = this.render(arg[1], references, unknown);
        return Array.isArray(list) && typeof arg[0] !== 'object' ? list[Number(arg[0])] : '${Fn::Select}';
      }
      case 'Fn::ImportValue':
        unknown.push(`Fn::ImportValue ${JSON.stringify(this.render(arg, references, unknown))}`);
        return undefined;
      case 'Fn::If':
        unknown.push(`condition ${Array.isArray(arg) ? arg[0] : JSON.stringify(arg)}`);
        return undefined;
      case 'Fn::GetAZs':
      case 'Fn::Base64':
      case 'Fn::Split':
      case 'Fn::Cidr':
      case 'Fn::FindInMap':
      case 'Fn::Length':
      case 'Fn::ToJsonString':
        this.render(arg, references, unknown);
        return `\${${fn}}`;
      default:
        break;
    }
    unknown.push(`${fn} ${JSON.stringify(arg)}`);
    return undefined;
  }

  private renderName(id: string, attr: string | undefined, references: Set<string>, unknown: string[]): string {
    if (PSEUDO_PARAMETERS.has(id)) return `\${${id}}`;
    if (this.byLogicalId.has(id)) {
      references.add(id);
      return attr ? `\${${id}.${attr}}` : `\${${id}}`;
    }
    unknown.push(this.parameters.has(id) ? `parameter ${id}` : `reference to ${id}, which this stack does not define`);
    return `\${${id}}`;
  }
}

/** The logical id named by a value that is exactly a `Ref` or `Fn::GetAtt`, if it is one. */
function directReference(value: any): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = value.Ref;
  const arg = value['Fn::GetAtt'];
  if ((ref === undefined && arg === undefined) || !hasOneKey(value)) return undefined; // most values: no key list built
  if (typeof ref === 'string') return ref;
  if (Array.isArray(arg) && typeof arg[0] === 'string') return arg[0];
  if (typeof arg === 'string') return arg.split('.')[0];
  return undefined;
}

function hasOneKey(value: object): boolean {
  let count = 0;
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key) && ++count > 1) return false;
  }
  return count === 1;
}

/** A number, boolean, or a string that is no dynamic reference: known as it is, with nothing to render. */
function isPlainLiteral(value: any): boolean {
  if (typeof value === 'string') return !value.includes('{{resolve:');
  return typeof value === 'number' || typeof value === 'boolean';
}

function containsIntrinsic(value: any): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(containsIntrinsic);
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return true;
  return keys.some((k) => containsIntrinsic(value[k]));
}

function collectReferences(value: any, into: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, into);
    return;
  }
  for (const key of Object.keys(value)) { // keys only: entries would build a pair per property
    const v = value[key];
    if (key === 'Ref' && typeof v === 'string') {
      into.add(v);
    } else if (key === 'Fn::GetAtt') {
      into.add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(v) ? v[0] : v;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)/g)) into.add(m[1]);
      }
      if (Array.isArray(v)) collectReferences(v[1], into);
    } else {
      collectReferences(v, into);
    }
  }
}
