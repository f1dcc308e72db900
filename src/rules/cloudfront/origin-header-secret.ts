import { distributionConfigOf } from './private/distribution';
import { originsOf } from './private/origins';
import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { isIntrinsic, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { secretEntryVerdict } from '../private/secret-entry-verdicts';
import { isCredentialHeader } from '../private/secret-values';

/**
 * A header whose value is, by its purpose, the secret an origin checks (`X-Origin-Verify`, the name AWS's own
 * guidance uses): a credential whatever its value looks like (a UUID has no secret's shape).
 */
const ORIGIN_VERIFICATION_HEADER = /verif(?:y|ication)/i;

/**
 * A secret in a CloudFront origin custom header (the shared secret an origin checks to refuse requests that bypass
 * the distribution, an API key for the origin, an `Authorization` value) is a secret in plain configuration (T5): the
 * distribution config shows it in clear to anyone allowed `cloudfront:GetDistributionConfig` (part of
 * ReadOnlyAccess), and a literal one also sits in the template and source control. Whoever reads it can call the
 * origin directly, past the distribution's WAF, authentication and caching.
 *
 * Judged header by header with the library's one secret judgement (a secret-looking name or value, a dynamic
 * reference that CloudFormation resolves into the config, a parameter's value under a secret-looking name); an
 * `Authorization`, `Proxy-Authorization`, `Cookie` or origin-verification (`X-Origin-Verify`) header carries a credential
 * whatever its value looks like.
 * Finding ids are `<origin id>.<header name>`.
 */
export class CloudFrontOriginHeaderSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-ORIGIN-HEADER-SECRET';

  public readonly id = CloudFrontOriginHeaderSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'The header\'s value is shown in clear to anyone allowed cloudfront:GetDistributionConfig (part '
    + 'of ReadOnlyAccess) and lets them call the origin directly, past the distribution\'s WAF and authentication.';
  public readonly description = 'CloudFront origin custom headers hold no secret.';
  public readonly remediation = 'Keep the origin secret out of the distribution config: protect an API origin with IAM (a function URL '
    + 'with origin access control) or with a secret that a WAF rule or the origin reads from Secrets Manager and that a '
    + 'rotation keeps in step, rather than a literal header value.';
  public readonly resourceTypes = ['AWS::CloudFront::Distribution'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const subject = `distribution ${resource.logicalId}`;
    const read = distributionConfigOf(resource, stack, subject);
    if ('verdict' in read) return [read.verdict];
    const { origins, undecidable } = originsOf(read.config, stack, subject);
    const verdicts = [...undecidable];
    for (const origin of origins) {
      const headers = origin.raw.OriginCustomHeaders;
      const location = `${origin.location}/OriginCustomHeaders`;
      if (isIntrinsic(headers)) {
        const value = readValue(stack, headers);
        if (!value.known) {
          verdicts.push(Verdicts.undecidable(`Whether the custom headers of ${origin.label} (${subject}) hold a secret is not known.`,
            value.unknownReason, { location, findingId: origin.findingId }));
          continue;
        }
      }
      (Array.isArray(headers) ? headers : []).forEach((header: any, index: number) => {
        const name = typeof header?.HeaderName === 'string' ? header.HeaderName : `header ${index}`;
        const verdict = secretEntryVerdict(name, header?.HeaderValue, stack, {
          credentialName: isCredentialHeader(name) || ORIGIN_VERIFICATION_HEADER.test(name),
          label: (n) => `Custom header ${n} of ${origin.label} (${subject})`,
          readers: 'in the distribution config by anyone allowed cloudfront:GetDistributionConfig',
          location: `${location}/${index}/HeaderValue`,
          mapLabel: `the custom headers of ${origin.label}`,
        });
        if (verdict) verdicts.push({ ...verdict, findingId: FindingIds.sanitize(`${origin.findingId}.${name}`) });
      });
    }
    return verdicts;
  }
}
