import { CONFIG_LOCATION, distributionConfigOf, isPlainObject, isUnset } from './private/distribution';
import { AuditedResource } from '../../core/audited-resource';
import { isIntrinsic, isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/** CloudFront security policies that accept SSLv3, TLS 1.0 or TLS 1.1 from viewers. */
const LEGACY_POLICIES = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);
/** `TLSv1.2_2019`, `TLSv1.2_2021`, `TLSv1.3_2025`...: the TLS version floor and the year of the cipher list. */
const MODERN_POLICY = /^TLSv1\.([2-9])_(\d{4})$/;

const FIX = 'add domainNames and an ACM certificate (in us-east-1) to the distribution, with minimumProtocolVersion TLSv1.2_2021';

/**
 * T3: a CloudFront distribution rejects TLS versions below 1.2 from viewers, which have known weaknesses and are
 * deprecated by RFC 8996. Findings:
 * - `default-certificate`: no `ViewerCertificate`, or `CloudFrontDefaultCertificate: true`. With the
 *   `*.cloudfront.net` certificate CloudFront always uses the `TLSv1` security policy, whatever
 *   `MinimumProtocolVersion` says; only a custom certificate (`AcmCertificateArn` or `IamCertificateId`) lets the
 *   distribution set a floor. Error.
 * - `legacy-protocol`: a custom certificate with `SSLv3`, `TLSv1`, `TLSv1_2016` or `TLSv1.1_2016`, or with no
 *   `MinimumProtocolVersion` (CloudFront's default, `TLSv1`). Error.
 * - `weak-ciphers`: `TLSv1.2_2018`. It already refuses TLS below 1.2, so the threat this rule answers is closed, but
 *   it keeps the CBC and non-forward-secret ciphers that `TLSv1.2_2019` dropped: a warning.
 * - `unknown-policy`: a policy name this rule does not know: a warning.
 * `TLSv1.2_2019` and every newer policy (`TLSv1.2_2021`, recommended; `TLSv1.2_2025`; `TLSv1.3_2025`) comply.
 */
export class CloudFrontViewerTlsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-VIEWER-TLS';

  public readonly id = CloudFrontViewerTlsRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'TLS 1.0 and 1.1 have known weaknesses (RFC 8996) that let a network attacker weaken or read connections; older ciphers on TLS 1.2 and unknown policies are warnings.';
  public readonly description = 'CloudFront distributions use a custom certificate with a TLS 1.2 or newer minimum protocol version (TLSv1.2_2019 or newer).';
  public readonly remediation = 'Set `domainNames` and `certificate` (an acm.Certificate in us-east-1) on the cloudfront.Distribution, with '
    + '`minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021`, or use SecureSite with `domainNames` and `certificate`, which always '
    + 'uses TLSv1.2_2021.';
  public readonly resourceTypes = ['AWS::CloudFront::Distribution'];

  public check(distribution: AuditedResource, stack: StackView): Verdict[] {
    const distributionConfig = distributionConfigOf(distribution, stack, 'viewer certificate');
    if ('verdict' in distributionConfig) return [distributionConfig.verdict];
    const name = distribution.logicalId;
    const location = `${CONFIG_LOCATION}/ViewerCertificate`;
    const certificate = distributionConfig.config.ViewerCertificate;
    if (certificate === undefined) {
      return [Verdicts.violation(`Distribution ${name} has no viewer certificate: it serves the default *.cloudfront.net certificate, with which `
        + `CloudFront accepts TLS 1.0 and 1.1 from viewers; ${FIX}.`, { location, findingId: 'default-certificate' })];
    }
    if (isIntrinsic(certificate)) {
      const value = readValue(stack, certificate);
      if (!value.known) return [Verdicts.undecidable(`The viewer certificate of distribution ${name} is not known at synth time.`, value.unknownReason, { location })];
    }
    const settings = isPlainObject(certificate) ? certificate : {};
    // A certificate from a parameter or an import is still a certificate; only a condition can take it away.
    for (const key of ['AcmCertificateArn', 'IamCertificateId']) {
      if (isPlainObject(settings[key]) && 'Fn::If' in settings[key]) {
        const reason = readValue(stack, settings[key]);
        return [Verdicts.undecidable(`Whether distribution ${name} uses a custom certificate is not known at synth time.`, reason.known ? 'a condition' : reason.unknownReason, { location: `${location}/${key}` })];
      }
    }
    if (isUnset(settings.AcmCertificateArn) && isUnset(settings.IamCertificateId)) {
      return this.defaultCertificate(name, settings.CloudFrontDefaultCertificate, location, stack);
    }
    return this.minimumProtocol(name, settings.MinimumProtocolVersion, `${location}/MinimumProtocolVersion`, stack);
  }

  private defaultCertificate(name: string, raw: any, location: string, stack: StackView): Verdict[] {
    const flag = readValue(stack, raw);
    if (!flag.known) {
      return [Verdicts.undecidable(`Whether distribution ${name} uses the default CloudFront certificate is not known at synth time.`, flag.unknownReason, { location: `${location}/CloudFrontDefaultCertificate` })];
    }
    const detail = isTrue(flag.value)
      ? `Distribution ${name} uses the default CloudFront certificate (CloudFrontDefaultCertificate: true)`
      : `Distribution ${name} names no certificate (no AcmCertificateArn or IamCertificateId)`;
    return [Verdicts.violation(`${detail}: CloudFront then accepts TLS 1.0 and 1.1 from viewers; ${FIX}.`, { location, findingId: 'default-certificate' })];
  }

  private minimumProtocol(name: string, raw: any, location: string, stack: StackView): Verdict[] {
    if (raw === undefined) {
      return [Verdicts.violation(`Distribution ${name} sets no minimum protocol version: CloudFront's default, TLSv1, accepts TLS 1.0 and 1.1 from viewers.`, { location, findingId: 'legacy-protocol' })];
    }
    const policy = readValue(stack, raw);
    if (!policy.known) return [Verdicts.undecidable(`The minimum protocol version of distribution ${name} is not known at synth time.`, policy.unknownReason, { location })];
    const value = String(policy.value);
    if (LEGACY_POLICIES.has(value)) {
      return [Verdicts.violation(`Distribution ${name} uses minimum protocol version ${value}, which accepts TLS versions below 1.2 from viewers.`, { location, findingId: 'legacy-protocol' })];
    }
    const modern = MODERN_POLICY.exec(value);
    if (!modern) {
      return [Verdicts.violation(`Distribution ${name} uses minimum protocol version ${value}, which this rule does not know; check that it rejects TLS below 1.2.`, { location, findingId: 'unknown-policy', severity: Severity.WARNING })];
    }
    if (modern[1] === '2' && Number(modern[2]) < 2019) {
      return [Verdicts.violation(`Distribution ${name} uses minimum protocol version ${value}: TLS 1.2 only, but with the CBC and non-forward-secret ciphers `
        + 'TLSv1.2_2019 dropped; use TLSv1.2_2021.', { location, findingId: 'weak-ciphers', severity: Severity.WARNING })];
    }
    return [];
  }
}
