import {
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
  aws_cloudfront as cloudfront,
  aws_cloudfront_origins as origins,
  aws_iam as iam,
  aws_logs as logs,
  aws_s3 as s3,
  aws_wafv2 as wafv2,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_SITE_DEFAULTS as D } from './defaults';
import { SecureSiteProps } from './props';
import { WafPlan, validateSecureSiteProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { ManagedWebAcl, WebAclScope } from '../common/private/managed-web-acl';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

/**
 * A static website: a private S3 bucket served only through CloudFront.
 *
 * - The bucket is private (Block Public Access, ACLs disabled), TLS-only, encrypted (SSE-S3), versioned, retained,
 *   and logs its access; CloudFront reads it through origin access control (SigV4, scoped to this distribution).
 * - Viewers are redirected to HTTPS and negotiate TLS 1.2 or newer on the custom domain; the default certificate
 *   (TLS 1.0) takes a written justification.
 * - Every response carries security headers: strict Content-Security-Policy, HSTS (2 years, subdomains, preload),
 *   nosniff, X-Frame-Options DENY, Referrer-Policy strict-origin-when-cross-origin.
 * - A WAF web ACL (managed rule groups, per-IP rate rule, logging with tokens redacted), or yours.
 * - CloudFront access logs (without cookies) and S3 server access logs go to a private, TLS-only log bucket.
 *
 * Upload the content yourself (for example `aws s3 sync`, or `aws-s3-deployment`: see the README). Invalid or insecure
 * props fail the synth with one `SecureConstructValidationError` listing every problem (codes `SS0xx`).
 */
export class SecureSite extends Construct {
  /** The private bucket holding the site's content. */
  public readonly bucket: s3.Bucket;
  /** The bucket receiving CloudFront access logs (`cloudfront/`) and the site bucket's server access logs (`s3-access/`). */
  public readonly logBucket: s3.Bucket;
  /** The CloudFront distribution. */
  public readonly distribution: cloudfront.Distribution;
  /** The response headers policy of the default behavior (reuse it for behaviors you add). */
  public readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /**
   * The ARN of the web ACL attached to the distribution.
   *
   * @default - none when `relaxations.waf` is set
   */
  public readonly webAclArn?: string;
  /**
   * The web ACL SecureSite created.
   *
   * @default - none when `webAclArn` or `relaxations.waf` is set
   */
  public readonly webAcl?: wafv2.CfnWebACL;
  /**
   * The log group of the web ACL SecureSite created.
   *
   * @default - none when `webAclArn` or `relaxations.waf` is set
   */
  public readonly wafLogGroup?: logs.ILogGroup;
  /** `https://` and the first domain name, or the distribution's `*.cloudfront.net` name. */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: SecureSiteProps = {}) {
    super(scope, id);
    const errors = PropErrors.for(this);
    const outcome = validateSecureSiteProps(this, props, errors);
    errors.throwIfAny();
    errors.warnUndecided(this);

    const retention = props.logRetention ?? D.logRetention;
    this.logBucket = this.createLogBucket(retention);
    this.bucket = this.createSiteBucket();
    this.responseHeadersPolicy = this.createResponseHeadersPolicy(props);

    if (outcome.waf === WafPlan.CREATE) {
      const acl = new ManagedWebAcl(this, 'WebAcl', {
        scope: WebAclScope.CLOUDFRONT,
        managedRuleGroups: D.wafManagedRuleGroups,
        redactedHeaders: D.wafRedactedHeaders,
        rateLimit: props.wafRateLimit ?? D.wafRateLimit,
        encryptionKey: props.encryptionKey ?? StackKey.of(this),
        logRetention: retention,
      });
      this.webAcl = acl.webAcl;
      this.wafLogGroup = acl.logGroup;
      this.webAclArn = acl.webAcl.attrArn;
    } else if (outcome.waf === WafPlan.IMPORTED) {
      this.webAclArn = props.webAclArn;
    }

    const hasDomain = (props.domainNames ?? []).length > 0;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: props.comment,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: D.viewerProtocolPolicy,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: this.responseHeadersPolicy,
      },
      defaultRootObject: props.defaultRootObject ?? D.defaultRootObject,
      errorResponses: props.errorResponses,
      domainNames: hasDomain ? props.domainNames : undefined,
      certificate: hasDomain ? props.certificate : undefined,
      minimumProtocolVersion: hasDomain ? props.minimumProtocolVersion ?? D.minimumProtocolVersion : undefined,
      sslSupportMethod: hasDomain ? cloudfront.SSLMethod.SNI : undefined,
      httpVersion: D.httpVersion,
      priceClass: props.priceClass ?? D.priceClass,
      geoRestriction: props.geoRestriction,
      webAclId: this.webAclArn,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: D.cloudFrontLogPrefix,
      logIncludesCookies: D.logIncludesCookies,
    });
    this.url = `https://${hasDomain ? props.domainNames![0] : this.distribution.distributionDomainName}`;

    this.acknowledge(outcome.relaxations);
  }

  /**
   * The log bucket: private, TLS-only, encrypted, retained, logs expire after `retention`. CloudFront standard
   * logging writes through the bucket ACL (the `awslogsdelivery` account's grant, which CloudFront adds), so ACLs
   * stay enabled with `BUCKET_OWNER_PREFERRED`: log objects written with `bucket-owner-full-control` belong to the
   * account. Block Public Access still refuses any public ACL.
   *
   * It writes no access logs of its own, and needs no acknowledgement for that: cdk-nag's `AwsSolutions-S1` and our
   * `SLS-S3-ACCESS-LOGGING` both exempt a bucket that is itself a log destination.
   */
  private createLogBucket(retention: logs.RetentionDays): s3.Bucket {
    return new s3.Bucket(this, 'LogBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(retention), abortIncompleteMultipartUploadAfter: Duration.days(7) }],
    });
  }

  /**
   * The site bucket: private (no ACLs, Block Public Access), TLS 1.2+ only, SSE-S3, versioned (90 days of previous
   * versions), retained, with server access logs in the log bucket.
   */
  private createSiteBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{
        noncurrentVersionExpiration: D.noncurrentVersionExpiration,
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
    });
    // Server access logging is wired on the L1 with a bucket-policy grant to the S3 logging service, scoped to this
    // bucket and account. (`serverAccessLogsBucket` would instead grant through the LogDeliveryWrite ACL unless the
    // app sets the `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag.)
    (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
      destinationBucketName: this.logBucket.bucketName,
      logFilePrefix: D.s3AccessLogPrefix,
    };
    this.logBucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowS3ServerAccessLogs',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [this.logBucket.arnForObjects(`${D.s3AccessLogPrefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': bucket.bucketArn },
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      },
    }));
    return bucket;
  }

  private createResponseHeadersPolicy(props: SecureSiteProps): cloudfront.ResponseHeadersPolicy {
    const customHeaders: cloudfront.ResponseCustomHeader[] = props.permissionsPolicy === undefined ? []
      : [{ header: 'Permissions-Policy', value: props.permissionsPolicy, override: true }];
    return new cloudfront.ResponseHeadersPolicy(this, 'ResponseHeaders', {
      comment: `cdk-secure-serverless: security headers of ${this.node.path}`.slice(0, 128),
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: props.contentSecurityPolicy ?? D.contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: D.hstsMaxAge, includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: D.frameOption, override: true },
        referrerPolicy: { referrerPolicy: D.referrerPolicy, override: true },
      },
      customHeadersBehavior: customHeaders.length > 0 ? { customHeaders } : undefined,
    });
  }

  /**
   * Every acknowledgement on the distribution, in one call: the user's relaxations (audit rule and cdk-nag
   * equivalent, with the user's justification).
   */
  private acknowledge(relaxations: Array<[string, string]>): void {
    const acks: Array<{ id: string; reason: string }> = [];
    for (const [ruleId, justification] of relaxations) {
      acks.push({ id: RuleIds.qualified(ruleId), reason: justification });
      for (const nagId of NAG_EQUIVALENTS[ruleId] ?? []) {
        acks.push({ id: nagId, reason: justification });
      }
    }
    if (acks.length > 0) {
      Validations.of(this.distribution.node.defaultChild!).acknowledge(...acks);
    }
  }
}

/** The cdk-nag rules that report the same thing as an audit rule a SecureSite relaxation acknowledges. */
const NAG_EQUIVALENTS: Readonly<Record<string, string[]>> = {
  [RuleIds.CLOUDFRONT_VIEWER_TLS]: ['AwsSolutions-CFR4'],
  [RuleIds.CLOUDFRONT_WAF]: ['AwsSolutions-CFR2'],
};
