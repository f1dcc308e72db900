import { validatorState } from './private/request-validation';
import { describeMethod } from './private/rest-api-graph';
import { unescapedInputs } from './private/vtl-input';
import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { isIntrinsic, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Integration types whose request templates build the request sent to the backend. */
const TEMPLATED = new Set(['AWS', 'HTTP']);
/** How many expressions a finding lists. */
const MAX_LISTED = 4;

/**
 * T2: a mapping template of a non-proxy integration (an AWS service integration such as DynamoDB, SQS, Step
 * Functions or EventBridge, or a non-proxy HTTP integration) builds the backend request as text. Request data it
 * writes out raw (`$input.body`, `$input.path(...)`, `$input.params(...)`, or a variable set from them) can contain
 * `"`, `&` or any other delimiter: a caller closes the JSON string (or the query parameter) and writes their own
 * fields into the request: another table key, extra item attributes, another queue action, another state machine
 * input. `$util.escapeJavaScript(...)` (JSON strings), `$util.urlEncode(...)` (form bodies), `$util.base64Encode(...)`
 * and `$input.json(...)` (JSON-encoded) keep the data inside its field.
 *
 * A `$input.path('$.x')` is also safe when body validation holds for the method and the model types `x` as a
 * number, an integer, a boolean, an enum of plain strings, or a string whose anchored `pattern` admits no quote or
 * backslash. Path, query and header parameters cannot be constrained by API Gateway and always need escaping.
 * One finding per request template (its Content-Type), listing what is unescaped.
 */
export class RestApiMappingInjectionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-MAPPING-INJECTION';

  public readonly id = RestApiMappingInjectionRule.ID;
  public readonly category = RuleCategory.INPUT_VALIDATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'Request data written raw into a service request lets a caller rewrite that request (another key, extra attributes, another action): injection of unvalidated input.';
  public readonly description = 'Request templates of non-proxy integrations escape the request data they place into the backend request.';
  public readonly remediation = 'Wrap request data in `$util.escapeJavaScript(...)` inside JSON strings (`"S": "$util.escapeJavaScript($input.params(\'id\'))"`), '
    + 'use `$input.json(\'$.field\')` for JSON values, `$util.urlEncode(...)` in form bodies and `$util.base64Encode(...)` for binary fields; '
    + 'or constrain the field with a validated model (a number, an enum, an anchored pattern).';
  public readonly resourceTypes = ['AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Integration'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const rest = resource.resourceType === 'AWS::ApiGateway::Method';
    const integration = rest ? resource.properties.Integration : resource.properties;
    if (!integration || typeof integration !== 'object' || isIntrinsic(integration)) return [];
    const base = rest ? 'Properties/Integration' : 'Properties';
    const type = readValue(stack, rest ? integration.Type : integration.IntegrationType);
    if (!type.known) {
      return integration.RequestTemplates === undefined ? []
        : [Verdicts.undecidable(`Whether the request templates of ${this.subject(resource, stack)} build a backend request is not known.`, type.unknownReason, { location: `${base}/${rest ? 'Type' : 'IntegrationType'}` })];
    }
    if (!TEMPLATED.has(String(type.value).toUpperCase())) return [];
    const templates = readValue(stack, integration.RequestTemplates);
    const location = `${base}/RequestTemplates`;
    if (!templates.known) {
      return [Verdicts.undecidable(`The request templates of ${this.subject(resource, stack)} are not known.`, templates.unknownReason, { location })];
    }
    if (!templates.value || typeof templates.value !== 'object') return [];
    const target = backendOf(rest ? integration.Uri : integration.IntegrationUri, String(type.value), stack);
    const verdicts: Verdict[] = [];
    for (const contentType of Object.keys(templates.value)) {
      const template = templates.value[contentType];
      if (typeof template !== 'string') continue;
      const safe = rest ? validatedPathJudge(resource, contentType, stack) : () => false;
      const unescaped = unescapedInputs(template).filter((u) => !(u.jsonPath !== undefined && safe(u.jsonPath)));
      if (unescaped.length === 0) continue;
      const listed = unescaped.slice(0, MAX_LISTED).map((u) => u.expression).join(', ')
        + (unescaped.length > MAX_LISTED ? ` and ${unescaped.length - MAX_LISTED} more` : '');
      verdicts.push(Verdicts.violation(`The ${contentType} request template of ${this.subject(resource, stack)} writes ${listed} into the ${target} `
        + 'without escaping: a caller can close the field and rewrite the request.', {
        location: `${location}/${contentType.replace(/\//g, '~1')}`, findingId: FindingIds.sanitize(contentType),
      }));
    }
    return verdicts;
  }

  private subject(resource: AuditedResource, stack: StackView): string {
    return resource.resourceType === 'AWS::ApiGateway::Method' ? describeMethod(resource, stack) : `integration ${resource.logicalId}`;
  }
}

/** `DynamoDB request`, `HTTP backend request`, from `arn:aws:apigateway:<region>:dynamodb:action/PutItem`. */
function backendOf(uri: any, type: string, stack: StackView): string {
  if (type.toUpperCase() === 'HTTP') return 'HTTP backend request';
  const text = readValue(stack, uri);
  const service = text.known && typeof text.value === 'string' ? /:apigateway:(?:\$\{[^}]*\}|[^:$]*):([a-z0-9-]+):/.exec(text.value)?.[1] : undefined;
  return service ? `${SERVICE_NAMES[service] ?? service} request` : 'service request';
}

const SERVICE_NAMES: { [service: string]: string } = {
  dynamodb: 'DynamoDB',
  sqs: 'SQS',
  sns: 'SNS',
  states: 'Step Functions',
  events: 'EventBridge',
  kinesis: 'Kinesis',
  firehose: 'Firehose',
  s3: 'S3',
  lambda: 'Lambda',
  sagemaker: 'SageMaker',
  bedrock: 'Bedrock',
};

/**
 * Whether a `$input.path` JSONPath reads a field the method's validated model constrains to values that cannot break
 * out of a JSON string. Needs body validation on the method and a model for the template's Content-Type (or
 * `$default`).
 */
function validatedPathJudge(method: AuditedResource, contentType: string, stack: StackView): (jsonPath: string) => boolean {
  if (validatorState(method, stack, 'ValidateRequestBody').state !== 'validates') return () => false;
  const models = method.properties.RequestModels;
  const name = models && typeof models === 'object' ? models[contentType] ?? models.$default : undefined;
  const model = name === undefined ? undefined : stack.referencedResource(name);
  if (model?.resourceType !== 'AWS::ApiGateway::Model') return () => false;
  const raw = readValue(stack, model.properties.Schema);
  let schema = raw.known ? raw.value : undefined;
  if (typeof schema === 'string') {
    try {
      schema = JSON.parse(schema);
    } catch {
      return () => false;
    }
  }
  return (jsonPath) => isSafeLeaf(schemaAt(schema, jsonPath));
}

/** The sub-schema a simple JSONPath (`$.a.b`, `$['a']`) selects through `properties`. */
function schemaAt(schema: any, jsonPath: string): any {
  const m = /^\$((?:\.[A-Za-z0-9_]+|\['[^']+'\])*)$/.exec(jsonPath.trim());
  if (!m) return undefined;
  let current = schema;
  for (const segment of m[1].match(/\.[A-Za-z0-9_]+|\['[^']+'\]/g) ?? []) {
    const key = segment.startsWith('.') ? segment.substring(1) : segment.slice(2, -2);
    current = current?.properties?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}

function isSafeLeaf(schema: any): boolean {
  if (!schema || typeof schema !== 'object') return false;
  if (Array.isArray(schema.enum)) return schema.enum.every((v: any) => typeof v !== 'string' || !/["\\]/.test(v));
  const types: any[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && types.every((t) => t === 'integer' || t === 'number' || t === 'boolean')) return true;
  return types.length === 1 && types[0] === 'string' && typeof schema.pattern === 'string' && isSafePattern(schema.pattern);
}

/**
 * An anchored pattern (`^...$`) that cannot match a quote or a backslash: no `.` or negated class, no `\S`, `\W`,
 * `\D` or `\s`, and no quote or backslash in a character class or as a literal.
 */
function isSafePattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  const body = pattern.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || /[SWDsbB"\\]/.test(next)) return false;
      i++;
      continue;
    }
    if (c === '.' || c === '"') return false;
    if (c === '[') {
      const close = body.indexOf(']', i + 1);
      if (close < 0) return false;
      const klass = body.substring(i + 1, close);
      if (klass.startsWith('^') || /["\\]/.test(klass.replace(/\\[wd-]/g, ''))) return false;
      i = close;
    }
  }
  return true;
}
