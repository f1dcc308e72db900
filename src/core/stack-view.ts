import { AuditedResource } from './audited-resource';
import { ResourceVariant, resourceVariants } from './private/resource-variants';
import { SamGlobals } from './private/sam-globals';
import { NO_VALUE, TemplateEvaluator } from './private/template-evaluator';
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
  /**
   * The pseudo-type of a stack output (`Outputs` entry): properties `Value`, `Description`, `Export`, `Condition`.
   * Outputs are shown by `cdk deploy` and readable with `cloudformation:DescribeStacks`.
   */
  public static readonly OUTPUT_TYPE = 'Template::Output';
  /**
   * The pseudo-type of an `Fn::ForEach::<Name>` entry of `Resources` (the `AWS::LanguageExtensions` transform expands
   * it at deploy time); property `Definition` holds the entry as written.
   */
  public static readonly FOR_EACH_TYPE = 'Template::ForEach';
  /** The pseudo-type of a `Resources` entry without a string `Type`; property `Definition` holds the entry. */
  public static readonly UNTYPED_TYPE = 'Template::Untyped';
  /**
   * The pseudo-type of a template transform (`Transform: AWS::Serverless-2016-10-31`, a macro...), which rewrites the
   * template at deploy time; property `Name`. Its logical id is the transform's name.
   */
  public static readonly TRANSFORM_TYPE = 'Template::Transform';

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

  private readonly entries: AuditedResource[] = [];
  private readonly byLogicalId = new Map<string, AuditedResource>();
  private readonly byType = new Map<string, AuditedResource[]>();
  private readonly parameters: Map<string, { [key: string]: any }>;
  private readonly evaluator: TemplateEvaluator;
  /** False when the template has neither conditions nor mappings: then no value holds a choice. */
  private readonly mayHoldChoices: boolean;
  private referrers?: Map<string, AuditedResource[]>;

  /**
   * @param stackPath the stack's construct path
   * @param template the synthesized CloudFormation template (CloudFormation JSON, as parsed from the file)
   * @param options what the host knows besides the template
   */
  constructor(stackPath: string, template: { [key: string]: any }, options?: StackViewOptions) {
    this.stackPath = stackPath;
    this.templatePath = options?.templatePath;
    const account = options?.account;
    this.account = account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
    this.today = options?.today ?? new Date().toISOString().substring(0, 10);
    this.parameters = new Map(Object.entries<any>(template.Parameters ?? {})
      .map(([name, definition]) => [name, definition !== null && typeof definition === 'object' ? definition : {}]));
    this.evaluator = new TemplateEvaluator(template);
    this.mayHoldChoices = hasEntries(template.Conditions) || hasEntries(template.Mappings);
    const constructPaths = options?.constructPaths;
    for (const name of transformsOf(template)) {
      this.add(new AuditedResource(name, StackView.TRANSFORM_TYPE, { Name: name }, undefined, stackPath), false);
    }
    const resources = template.Resources ?? {};
    const sam = new SamGlobals(template);
    for (const [logicalId, raw] of Object.entries<any>(resources)) {
      const type = logicalId.startsWith('Fn::ForEach::') ? StackView.FOR_EACH_TYPE
        : raw && typeof raw === 'object' && typeof raw.Type === 'string' ? raw.Type : StackView.UNTYPED_TYPE;
      const properties = type === raw?.Type ? this.evaluator.evaluate(sam.apply(type, raw.Properties)) : { Definition: raw };
      this.add(new AuditedResource(logicalId, type, properties, raw?.Metadata, constructPaths?.[logicalId]), true);
    }
    // The APIs SAM creates for events that name none (ServerlessRestApi...), as SAM configures them from Globals.
    for (const api of sam.implicitApis(resources)) {
      if (this.byLogicalId.has(api.logicalId)) continue;
      this.add(new AuditedResource(api.logicalId, api.type, this.evaluator.evaluate(api.properties), undefined, stackPath), true);
    }
    for (const [name, raw] of Object.entries<any>(template.Outputs ?? {})) {
      const properties = raw && typeof raw === 'object' ? this.evaluator.evaluate(raw) : { Value: raw };
      this.add(new AuditedResource(name, StackView.OUTPUT_TYPE, properties, undefined, constructPaths?.[name]), false);
    }
  }

  /**
   * Every entry of the template, in template order: its resources, then one pseudo-resource per `Transform`
   * (`TRANSFORM_TYPE`), `Fn::ForEach` entry (`FOR_EACH_TYPE`), entry without a type (`UNTYPED_TYPE`) and output
   * (`OUTPUT_TYPE`), so that rules can judge what CloudFormation will turn into resources, or report what the audit
   * cannot read. SAM resources (`AWS::Serverless::*`) carry the template's `Globals` as the transform applies them,
   * and the implicit APIs SAM creates for events that name no API (`ServerlessRestApi`, `ServerlessHttpApi`) are
   * there too, configured by `Globals.Api` / `Globals.HttpApi`.
   */
  public get resources(): AuditedResource[] {
    return this.entries.slice();
  }

  /**
   * The resource in every combination of the choices its properties still hold (an `Fn::If` on a condition that
   * depends on a parameter, an `Fn::FindInMap` keyed by the region or a parameter), with every intrinsic the template
   * decides evaluated in each, with the view as it is in that combination; undefined when it holds none (almost every
   * resource), or too many to enumerate.
   *
   * @internal
   */
  public _variantsOf(resource: AuditedResource): Array<ResourceVariant & { view: StackView }> | undefined {
    if (!this.mayHoldChoices) return undefined;
    return resourceVariants(resource, this.evaluator)?.map((variant) => ({ ...variant, view: this._withVariant(variant.resource) }));
  }

  /**
   * This view with one resource replaced by a variant of it (the same resource in one combination of its choices):
   * rules that follow references back to the resource, or memoise analyses per view, then see the variant, never a
   * mix of combinations. Shares everything else with this view.
   *
   * @internal
   */
  public _withVariant(variant: AuditedResource): StackView {
    const original = this.byLogicalId.get(variant.logicalId);
    const view: StackView = Object.create(this);
    const swap = (r: AuditedResource) => (r === original ? variant : r);
    Object.defineProperty(view, 'entries', { value: this.entries.map(swap) });
    Object.defineProperty(view, 'byLogicalId', { value: new Map(this.byLogicalId).set(variant.logicalId, variant) });
    Object.defineProperty(view, 'byType', { value: new Map([...this.byType].map(([type, list]) => [type, list.map(swap)])) });
    Object.defineProperty(view, 'referrers', { value: undefined, writable: true });
    return view;
  }

  /**
   * The resource with this logical id.
   *
   * @returns the resource, or undefined when the stack has none with that id
   */
  public resource(logicalId: string): AuditedResource | undefined {
    return this.byLogicalId.get(logicalId);
  }

  private add(resource: AuditedResource, addressable: boolean): void {
    this.entries.push(resource);
    if (addressable) this.byLogicalId.set(resource.logicalId, resource);
    const list = this.byType.get(resource.resourceType);
    if (list) list.push(resource);
    else this.byType.set(resource.resourceType, [resource]);
  }

  /** The resources of one CloudFormation type (`AWS::IAM::Policy`). */
  public resourcesOfType(resourceType: string): AuditedResource[] {
    return this.byType.get(resourceType) ?? [];
  }

  /**
   * Follows a `Ref` or `Fn::GetAtt` to the resource it names.
   *
   * @param value a value as it appears in the template (CloudFormation JSON, untyped: any property value may hold one)
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
  public referencingResources(logicalId: string, resourceType?: string): AuditedResource[] {
    if (!this.referrers) this.referrers = this.buildReferrers();
    const all = this.referrers.get(logicalId) ?? [];
    return resourceType === undefined ? all : all.filter((r) => r.resourceType === resourceType);
  }

  /**
   * Classifies a deployed value by what is known of it at synth time, after evaluating what the template decides on
   * its own (`Fn::FindInMap`, `Fn::Select`, `Fn::Join`...). A value is unknown (`EXTERNAL`, with the reason) when it
   * depends on a parameter, an import, a dynamic reference, a condition or a mapping key that only deployment
   * decides, or on what a resource only knows once deployed (an SSM parameter's value, a custom resource's data,
   * a nested stack's outputs). Never throws.
   *
   * @param value a value as it appears in the template (CloudFormation JSON, untyped: any property value, such as one
   * read with `AuditedResource.property`)
   */
  public resolve(value: any): ResolvedValue {
    if (isPlainLiteral(value)) return { kind: ValueKind.LITERAL, value, referencedLogicalIds: [] }; // the usual case
    const evaluated = this.evaluator.evaluate(value);
    if (evaluated === NO_VALUE) return { kind: ValueKind.LITERAL, value: undefined, referencedLogicalIds: [] };
    if (isPlainLiteral(evaluated)) return { kind: ValueKind.LITERAL, value: evaluated, referencedLogicalIds: [] };
    const references = new Set<string>();
    const unknown: string[] = [];
    const rendered = this.render(evaluated, references, unknown);
    if (unknown.length > 0) {
      return { kind: ValueKind.EXTERNAL, referencedLogicalIds: [...references], unknownReason: [...new Set(unknown)].join(', ') };
    }
    if (!containsIntrinsic(evaluated)) {
      return { kind: ValueKind.LITERAL, value: evaluated, referencedLogicalIds: [] };
    }
    const direct = directReference(evaluated);
    if (direct !== undefined) {
      const referencedType = this.byLogicalId.get(direct)?.resourceType;
      return { kind: ValueKind.RESOURCE_REFERENCE, value: rendered, referencedLogicalIds: [...references], referencedType };
    }
    return { kind: ValueKind.DEPLOY_TIME, value: rendered, referencedLogicalIds: [...references] };
  }

  /** True when the name is a parameter of this stack's template. */
  public isParameter(name: string): boolean {
    return this.parameters.has(name);
  }

  /**
   * True when the parameter is declared `NoEcho`: the template's author says it holds a secret. CloudFormation hides
   * it in its own console and API, but a resource that stores it in clear (a Lambda environment variable, a stack
   * output) shows it to anyone who can read that resource.
   */
  public isNoEchoParameter(name: string): boolean {
    const noEcho = this.parameters.get(name)?.NoEcho;
    return noEcho === true || (typeof noEcho === 'string' && noEcho.toLowerCase() === 'true');
  }

  /**
   * The declared type of a parameter (`String`, `AWS::SSM::Parameter::Value<String>`...).
   *
   * @returns the type, or undefined when the stack has no such parameter or it declares no type
   */
  public parameterType(name: string): string | undefined {
    const type = this.parameters.get(name)?.Type;
    return typeof type === 'string' ? type : undefined;
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
      case 'Fn::FindInMap': {
        const [map, ...keys] = Array.isArray(arg) ? arg : [arg];
        const by = keys.slice(0, 2).filter((k: any) => typeof k !== 'string' && typeof k !== 'number')
          .map((k: any) => String(this.render(k, references, []))).join(' and ');
        unknown.push(`Fn::FindInMap ${JSON.stringify(map)} looked up by ${by || 'a key the mapping does not hold'}`);
        return undefined;
      }
      case 'Fn::GetAZs':
      case 'Fn::Base64':
      case 'Fn::Split':
      case 'Fn::Cidr':
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
    const resource = this.byLogicalId.get(id);
    if (resource) {
      references.add(id);
      const physicalId = attr === undefined ? knownPhysicalId(resource) : undefined;
      if (physicalId !== undefined) return physicalId;
      const opaque = opaqueAttribute(resource.resourceType, attr);
      if (opaque) unknown.push(`${opaque} of ${id} (${resource.resourceType}), known only once deployed`);
      return attr ? `\${${id}.${attr}}` : `\${${id}}`;
    }
    unknown.push(this.parameters.has(id) ? `parameter ${id}` : `reference to ${id}, which this stack does not define`);
    return `\${${id}}`;
  }
}

/**
 * The physical id of aws-cdk-lib's own custom resources whose handler returns an id the template determines, rendered
 * with placeholders: an OIDC provider (`iam.OpenIdConnectProvider`) is the provider ARN of its URL, as IAM names it.
 * Undefined for every other resource.
 */
function knownPhysicalId(resource: AuditedResource): string | undefined {
  if (resource.resourceType !== 'Custom::AWSCDKOpenIdConnectProvider') return undefined;
  const url = resource.properties.Url;
  if (typeof url !== 'string' || !/^https:\/\/[^\s]+$/.test(url)) return undefined;
  return `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${url.substring('https://'.length)}`;
}

/**
 * What a reference reads when the resource only knows it once deployed, so the template cannot tell the value: the
 * value of an SSM parameter, anything a custom resource returns (its physical id included), a nested stack's
 * outputs, a wait condition's data. Undefined for the usual attributes (ARNs, names, ids), whose shape is known.
 */
function opaqueAttribute(type: string, attr: string | undefined): string | undefined {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    return attr === undefined ? 'the physical id' : `attribute ${attr}`;
  }
  if (attr === undefined) return undefined;
  if (type === 'AWS::SSM::Parameter' && attr === 'Value') return 'the value';
  if (type === 'AWS::CloudFormation::Stack' && attr.startsWith('Outputs.')) return `output ${attr.substring('Outputs.'.length)}`;
  if (type === 'AWS::CloudFormation::WaitCondition' && attr === 'Data') return 'the data';
  return undefined;
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

function hasEntries(section: any): boolean {
  return section !== null && typeof section === 'object' && Object.keys(section).length > 0;
}

/** The names of the template's transforms (`Transform` is a name or a list of names and macro invocations). */
function transformsOf(template: { [key: string]: any }): string[] {
  const transform = template.Transform;
  if (transform === undefined) return [];
  const list = Array.isArray(transform) ? transform : [transform];
  return list.map((t) => (typeof t === 'string' ? t : typeof t?.Name === 'string' ? t.Name : JSON.stringify(t)));
}
