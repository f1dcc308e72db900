import { PolicyValue } from './policy-statement';
import { StackView } from '../core/stack-view';
import { ActionWildcard } from './private/action-pattern';

/** How much a `Resource` entry covers, from broadest to narrowest. */
export enum ResourceScope {
  /** `*`, or an ARN whose service is a wildcard: everything in the account and beyond. */
  ALL = 'all',
  /** Every resource of one service (`arn:aws:s3:::*`, `arn:aws:sqs:*:*:*`). */
  SERVICE_WIDE = 'service-wide',
  /**
   * A wildcard in the resource's name or type (`arn:aws:iam::123456789012:role/*`, `arn:aws:s3:::logs-*`), or in the
   * account: many resources, some of which may not exist yet.
   */
  BROAD = 'broad',
  /**
   * Not known at synth time (a parameter, an import, a condition). Ordered between broad and specific: it may be
   * either, so a rule reports it as undecidable.
   */
  UNKNOWN = 'unknown',
  /**
   * One named resource, or parts of one (`${MyBucket.Arn}/*` is the objects of one bucket,
   * `${MyTable.Arn}/index/*` the indexes of one table, `${MyFunction.Arn}:*` its versions).
   */
  SPECIFIC = 'specific',
}

const ORDER = [ResourceScope.ALL, ResourceScope.SERVICE_WIDE, ResourceScope.BROAD, ResourceScope.UNKNOWN, ResourceScope.SPECIFIC];

/** Services whose resource part starts with the resource name rather than a resource type. */
const NAME_FIRST_SERVICES = new Set(['s3', 'sqs', 'sns', 'execute-api']);
/** Services whose resource names are paths (`role/service-role/x`): any wildcard in them spans many principals. */
const PATH_NAMED_SERVICES = new Set(['iam', 'sts']);
/** `Secret.fromSecretNameV2` ends the name with six `?` for the random suffix AWS appends: still one secret. */
const SECRET_SUFFIX = /-\?{6}$/;

/**
 * CloudFormation namespaces whose IAM service prefix is not simply the namespace in lower case.
 * Everything else maps by lower-casing (`AWS::S3::Bucket` to `s3`, `AWS::DynamoDB::Table` to `dynamodb`).
 */
const SERVICE_OF_NAMESPACE: { [namespace: string]: string } = {
  StepFunctions: 'states',
  ApiGatewayV2: 'apigateway',
  Cognito: 'cognito-idp',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
  KinesisFirehose: 'firehose',
  OpenSearchService: 'es',
  Elasticsearch: 'es',
  CertificateManager: 'acm',
};

/** Classifies `Resource` entries by how much they cover and which service they belong to. */
export class ResourceScopes {
  /** The scope of one `Resource` entry. */
  public static classify(value: PolicyValue): ResourceScope {
    const text = value.text;
    if (text === undefined) return classifyPartial(value.partialText);
    if (text === '*') return ResourceScope.ALL;
    if (/^\$\{[^}]*\}/.test(text) && !text.startsWith('${AWS::')) {
      // Built from a resource of the stack (`${MyBucket.Arn}/*`): whatever follows narrows one resource.
      return ResourceScope.SPECIFIC;
    }
    const neutral = text.replace(/\$\{[^}]*\}/g, 'X');
    if (!neutral.startsWith('arn:')) return ActionWildcard.hasWildcard(neutral) ? ResourceScope.BROAD : ResourceScope.SPECIFIC;
    const parts = neutral.split(':');
    if (parts.length < 6) return ActionWildcard.hasWildcard(neutral) ? ResourceScope.BROAD : ResourceScope.SPECIFIC;
    const [, partition, service, , account] = parts;
    const resourcePart = parts.slice(5).join(':');
    if (ActionWildcard.hasWildcard(service) || ActionWildcard.hasWildcard(partition)) return ResourceScope.ALL;
    if (/^[*/:]+$/.test(resourcePart)) return ResourceScope.SERVICE_WIDE;
    if (ActionWildcard.hasWildcard(account)) return ResourceScope.BROAD;
    return nameHasWildcard(service, resourcePart) ? ResourceScope.BROAD : ResourceScope.SPECIFIC;
  }

  /** The broadest of several scopes (`SPECIFIC` for none). */
  public static broadest(scopes: ResourceScope[]): ResourceScope {
    let best = ResourceScope.SPECIFIC;
    for (const scope of scopes) if (ORDER.indexOf(scope) < ORDER.indexOf(best)) best = scope;
    return best;
  }

  /** True for `ALL`, `SERVICE_WIDE` and `BROAD`: a wildcard spans more than one resource. */
  public static isBroad(scope: ResourceScope): boolean {
    return scope === ResourceScope.ALL || scope === ResourceScope.SERVICE_WIDE || scope === ResourceScope.BROAD;
  }

  /**
   * The IAM service prefix a `Resource` entry belongs to: the service part of an ARN, or the service of the stack
   * resource it is built from (`${MyQueue.Arn}` is `sqs`).
   *
   * @returns the prefix, or undefined for `*`, unknown values and ARNs with a wildcard service
   */
  public static serviceOf(value: PolicyValue, view: StackView): string | undefined {
    if (value.text === undefined) {
      const parts = value.partialText === undefined ? undefined : knownServiceArnParts(value.partialText);
      return parts ? parts[2].toLowerCase() : undefined;
    }
    const text = value.text;
    if (text === '*') return undefined;
    const leading = /^\$\{([^}.]+)(\.[^}]*)?\}/.exec(text);
    if (leading && !leading[1].startsWith('AWS::')) {
      const type = view.resource(leading[1])?.resourceType;
      return type ? ResourceScopes.serviceOfResourceType(type) : undefined;
    }
    const parts = text.replace(/\$\{[^}]*\}/g, 'X').split(':');
    if (parts[0] !== 'arn' || parts.length < 6 || ActionWildcard.hasWildcard(parts[2])) return undefined;
    return parts[2].toLowerCase();
  }

  /** The IAM service prefix of a CloudFormation resource type (`AWS::StepFunctions::StateMachine` is `states`). */
  public static serviceOfResourceType(type: string): string | undefined {
    const namespace = type.split('::')[1];
    if (!namespace) return undefined;
    return SERVICE_OF_NAMESPACE[namespace] ?? namespace.toLowerCase();
  }
}

/** The `${?}` that `PolicyValue.partialText` puts where a part is not known at synth time. */
const UNKNOWN_PART = '${?}';
/** What an unknown part becomes while the text is split at `:` (no `:`, `/`, `*` or `$` in it). */
const UNKNOWN_MARK = '\u0000';

/**
 * The scope of a value only partly known (`arn:aws:sqs:us-east-1:${?}:orders`, an imported account): when the service
 * and the resource part are known, the unknown account or region cannot widen it past what the resource part names,
 * so it is classified as written; anything else is `UNKNOWN`.
 */
function classifyPartial(partialText: string | undefined): ResourceScope {
  const parts = partialText === undefined ? undefined : knownServiceArnParts(partialText);
  if (parts === undefined || parts.slice(5).some((p) => p.includes(UNKNOWN_MARK))) return ResourceScope.UNKNOWN;
  return ResourceScopes.classify({ text: parts.join(':').split(UNKNOWN_MARK).join('unknown'), referencedLogicalIds: [] });
}

/**
 * The `:`-separated parts of a partial text that is an ARN whose service is a literal without wildcard, with other
 * placeholders (`${AWS::Partition}`) neutralised and each unknown part as `UNKNOWN_MARK`; undefined otherwise.
 */
function knownServiceArnParts(partialText: string): string[] | undefined {
  const parts = partialText.split(UNKNOWN_PART).join(UNKNOWN_MARK).replace(/\$\{[^}]*\}/g, 'X').split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return undefined;
  const service = parts[2];
  if (service === '' || service.includes(UNKNOWN_MARK) || ActionWildcard.hasWildcard(service)) return undefined;
  return parts;
}

/**
 * Whether a wildcard falls in the name of the resource (many resources) rather than after it (parts of one
 * resource). Resource parts are `type/name/...` or `type:name:...` for most services, `name/...` for S3, SQS, SNS and
 * API Gateway execution ARNs, and paths for IAM.
 */
function nameHasWildcard(service: string, resourcePart: string): boolean {
  const part = resourcePart.replace(/^\//, '');
  if (PATH_NAMED_SERVICES.has(service)) return ActionWildcard.hasWildcard(part);
  let nameStart = 0;
  let delimiter = '/';
  if (!NAME_FIRST_SERVICES.has(service)) {
    const match = /[/:]/.exec(part);
    if (!match) return ActionWildcard.hasWildcard(part);
    nameStart = match.index + 1;
    delimiter = match[0];
  }
  const nameEnd = part.indexOf(delimiter, nameStart);
  const typeAndName = part.slice(0, nameEnd < 0 ? part.length : nameEnd);
  return ActionWildcard.hasWildcard(typeAndName.replace(SECRET_SUFFIX, ''));
}
