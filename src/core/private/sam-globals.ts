/**
 * The `Globals` section of the AWS::Serverless-2016-10-31 transform (SAM), applied the way the transform applies it,
 * so a rule reads a SAM function's or API's properties as deployed: a property the resource sets wins; maps are merged
 * (an environment variable from Globals stays unless the function sets the same name); lists are the global entries
 * followed by the resource's.
 *
 * SAM also creates an implicit API for the `Api` and `HttpApi` events that name none (`ServerlessRestApi`,
 * `ServerlessHttpApi`), configured by `Globals.Api` / `Globals.HttpApi`; `implicitApis` lists the ones a template
 * gets, so the view holds them like the APIs the template declares.
 */
export class SamGlobals {
  /** SAM's resource type for each `Globals` section. */
  private static readonly SECTIONS: { [type: string]: string } = {
    'AWS::Serverless::Function': 'Function',
    'AWS::Serverless::Api': 'Api',
    'AWS::Serverless::HttpApi': 'HttpApi',
    'AWS::Serverless::SimpleTable': 'SimpleTable',
    'AWS::Serverless::StateMachine': 'StateMachine',
    'AWS::Serverless::LayerVersion': 'LayerVersion',
  };

  private readonly sections: { [section: string]: { [key: string]: any } };

  constructor(template: { [key: string]: any }) {
    this.sections = isObject(template.Globals) ? template.Globals : {};
  }

  /** True when the template has a `Globals` section to apply. */
  public get present(): boolean {
    return Object.keys(this.sections).length > 0;
  }

  /** The properties of a resource of `type` with the `Globals` that apply to it; the same object when none do. */
  public apply(type: string, properties: any): any {
    const section = SamGlobals.SECTIONS[type];
    const globals = section === undefined ? undefined : this.sections[section];
    if (!isObject(globals)) return properties;
    return merge(globals, isObject(properties) ? properties : {});
  }

  /**
   * The implicit APIs SAM creates for these resources: `ServerlessRestApi` when a function has an `Api` event without
   * `RestApiId`, `ServerlessHttpApi` for an `HttpApi` event without `ApiId`, each with the properties `Globals` gives.
   */
  public implicitApis(resources: { [logicalId: string]: any }): Array<{ logicalId: string; type: string; properties: any }> {
    let rest = false;
    let http = false;
    for (const raw of Object.values<any>(resources)) {
      if (raw?.Type !== 'AWS::Serverless::Function' || !isObject(raw.Properties?.Events)) continue;
      for (const event of Object.values<any>(raw.Properties.Events)) {
        if (event?.Type === 'Api' && event.Properties?.RestApiId === undefined) rest = true;
        if (event?.Type === 'HttpApi' && event.Properties?.ApiId === undefined) http = true;
      }
    }
    const apis: Array<{ logicalId: string; type: string; properties: any }> = [];
    if (rest) apis.push({ logicalId: 'ServerlessRestApi', type: 'AWS::Serverless::Api', properties: this.apply('AWS::Serverless::Api', {}) });
    if (http) apis.push({ logicalId: 'ServerlessHttpApi', type: 'AWS::Serverless::HttpApi', properties: this.apply('AWS::Serverless::HttpApi', {}) });
    return apis;
  }
}

function isObject(value: any): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isIntrinsicObject(value: any): boolean {
  const keys = isObject(value) ? Object.keys(value) : [];
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** SAM's merge: the resource's scalars win, maps merge key by key, lists are the global entries then the resource's. */
function merge(globals: any, own: any): any {
  if (own === undefined) return globals;
  if (Array.isArray(globals) && Array.isArray(own)) return [...globals, ...own];
  if (isObject(globals) && isObject(own) && !isIntrinsicObject(globals) && !isIntrinsicObject(own)) {
    const out: { [key: string]: any } = { ...globals };
    for (const key of Object.keys(own)) out[key] = merge(globals[key], own[key]);
    return out;
  }
  return own;
}
