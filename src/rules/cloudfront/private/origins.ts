import { CONFIG_LOCATION, isPlainObject } from './distribution';
import { FindingIds } from '../../../core/finding-ids';
import { isIntrinsic, readValue } from '../../../core/private/values';
import { Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';


/** What a CloudFront origin's `DomainName` points at. */
export enum OriginEndpoint {
  /** An S3 bucket's REST endpoint (`bucket.s3.region.amazonaws.com`, `bucket.bucketRegionalDomainName`). */
  S3_REST = 's3-rest',
  /** An S3 static-website endpoint (`bucket.s3-website-region.amazonaws.com`, `bucket.bucketWebsiteDomainName`). */
  S3_WEBSITE = 's3-website',
  /** Anything else: an API, a load balancer, a function URL, another server. */
  OTHER = 'other',
  /** The domain is not known at synth time (a parameter, an import). */
  UNKNOWN = 'unknown',
}

/** One origin of a distribution config. */
export interface Origin {
  /** Finding id: the origin's `Id`, or `Origins.<index>` when it is not a literal. */
  readonly findingId: string;
  /** For findings: `origin <Id>`. */
  readonly label: string;
  readonly location: string;
  readonly raw: { [key: string]: any };
}

/** The origins of a config, and "unable to decide" verdicts for origins (or a list) unknown at synth time. */
export function originsOf(config: { [key: string]: any }, stack: StackView, subject: string): { origins: Origin[]; undecidable: Verdict[] } {
  const list = config.Origins;
  const location = `${CONFIG_LOCATION}/Origins`;
  if (isIntrinsic(list)) {
    const value = readValue(stack, list);
    return { origins: [], undecidable: value.known ? [] : [Verdicts.undecidable(`The origins (${subject}) are not known at synth time.`, value.unknownReason, { location, findingId: 'Origins' })] };
  }
  const origins: Origin[] = [];
  const unknown: Verdict[] = [];
  (Array.isArray(list) ? list : []).forEach((raw: any, index: number) => {
    const id = isPlainObject(raw) && typeof raw.Id === 'string' ? raw.Id : undefined;
    const findingId = id !== undefined ? FindingIds.sanitize(id) : `Origins.${index}`;
    const label = id !== undefined ? `origin ${id}` : `origin ${index}`;
    if (isIntrinsic(raw)) {
      const value = readValue(stack, raw);
      if (!value.known) {
        unknown.push(Verdicts.undecidable(`The settings of ${label} (${subject}) are not known at synth time.`, value.unknownReason, { location: `${location}/${index}`, findingId }));
        return;
      }
    }
    origins.push({ findingId, label, location: `${location}/${index}`, raw: isPlainObject(raw) ? raw : {} });
  });
  return { origins, undecidable: unknown };
}

const BUCKET_TYPE = 'AWS::S3::Bucket';
const REST_ATTRIBUTES = new Set(['DomainName', 'RegionalDomainName', 'DualStackDomainName']);
/** `bucket.s3-website-us-east-1.amazonaws.com`, `bucket.s3-website.eu-west-3.amazonaws.com` (and `.com.cn`). */
const WEBSITE_HOST = /\.s3-website[.-][a-z0-9.-]*amazonaws\.com(\.cn)?\.?$/i;
/** `bucket.s3.amazonaws.com`, `bucket.s3.us-east-1.amazonaws.com`, dual-stack, access-point and legacy dash forms. */
const REST_HOST = /\.s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?\.?$/i;

/**
 * What an origin's `DomainName` points at: a reference to a bucket of this stack (`Fn::GetAtt` of `WebsiteURL` or of
 * a domain-name attribute, possibly inside `Fn::Select`/`Fn::Split` as aws-cdk-lib renders
 * `bucketWebsiteDomainName`), or a literal S3 host name.
 */
export function originEndpoint(domainName: any, stack: StackView): OriginEndpoint {
  const attributes = bucketAttributesIn(domainName, stack);
  if (attributes.has('WebsiteURL')) return OriginEndpoint.S3_WEBSITE;
  if ([...attributes].some((a) => REST_ATTRIBUTES.has(a))) return OriginEndpoint.S3_REST;
  const value = readValue(stack, domainName);
  if (!value.known) return OriginEndpoint.UNKNOWN;
  const host = typeof value.value === 'string' ? value.value : '';
  if (WEBSITE_HOST.test(host)) return OriginEndpoint.S3_WEBSITE;
  if (REST_HOST.test(host)) return OriginEndpoint.S3_REST;
  return OriginEndpoint.OTHER;
}

/** The attributes of this stack's buckets that a value reads through `Fn::GetAtt` (or `${Bucket.Attr}` in `Fn::Sub`). */
function bucketAttributesIn(value: any, stack: StackView): Set<string> {
  const found = new Set<string>();
  const visit = (v: any): void => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    for (const [key, inner] of Object.entries<any>(v)) {
      if (key === 'Fn::GetAtt') {
        const [id, attr] = Array.isArray(inner) ? inner : String(inner).split(/\.(.*)/);
        if (stack.resource(String(id))?.resourceType === BUCKET_TYPE) found.add(String(attr));
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        for (const m of String(text).matchAll(/\$\{([^!}.]+)\.([^}]+)\}/g)) {
          if (stack.resource(m[1])?.resourceType === BUCKET_TYPE) found.add(m[2]);
        }
        if (Array.isArray(inner)) visit(inner[1]);
      } else {
        visit(inner);
      }
    }
  };
  visit(value);
  return found;
}
