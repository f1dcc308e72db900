import { ArnFormat, Aws, Fn, Names, Stack, aws_kms as kms, aws_logs as logs, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Where a web ACL applies: an API Gateway stage (regional) or a CloudFront distribution (global, us-east-1). */
export enum WebAclScope {
  REGIONAL = 'REGIONAL',
  CLOUDFRONT = 'CLOUDFRONT',
}

/** Props of `ManagedWebAcl`. */
export interface ManagedWebAclProps {
  /** Where the web ACL applies. CLOUDFRONT web ACLs (and their log groups) exist only in us-east-1. */
  readonly scope: WebAclScope;
  /** The AWS managed rule groups, by name, in priority order. */
  readonly managedRuleGroups: readonly string[];
  /** Requests per client IP per 5 minutes before the IP is blocked. */
  readonly rateLimit: number;
  /** Headers removed from the WAF logs (WAF logs every request it sees, tokens included otherwise). */
  readonly redactedHeaders: readonly string[];
  /** Key of the WAF log group. */
  readonly encryptionKey: kms.IKey;
  /** Retention of the WAF log group. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * The web ACL every `Secure*` front door gets (T3): AWS managed rule groups and a per-IP rate-based rule, logging to
 * an encrypted `aws-waf-logs-` log group with credentials-carrying headers redacted. SecureApi associates it with
 * its stage (regional scope); SecureSite gives it to its distribution (CloudFront scope, us-east-1 only).
 */
export class ManagedWebAcl extends Construct {
  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** The log group that receives WAF logs. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ManagedWebAclProps) {
    super(scope, id);
    const metricPrefix = Names.uniqueResourceName(this, { maxLength: 80, separator: '-' });
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}-${name}`.slice(0, 128),
    });

    const managedRules: wafv2.CfnWebACL.RuleProperty[] = props.managedRuleGroups.map((name, i) => ({
      name: `AWS-${name}`,
      priority: i,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    }));
    const rateRule: wafv2.CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIp',
      priority: managedRules.length,
      action: { block: {} },
      statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.rateLimit, evaluationWindowSec: 300 } },
      visibilityConfig: visibility('RateLimitPerIp'),
    };

    this.webAcl = new wafv2.CfnWebACL(this, 'Resource', {
      scope: props.scope,
      defaultAction: { allow: {} },
      description: `cdk-secure-serverless: protects ${scope.node.path}`,
      rules: [...managedRules, rateRule],
      visibilityConfig: visibility('WebAcl'),
    });

    // WAF only delivers to log groups whose name starts with `aws-waf-logs-`. The stack id's GUID makes the name
    // unique per stack instance, so a retained group from a deleted stack does not block a redeploy.
    const stackGuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `aws-waf-logs-${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}-${stackGuid}`,
      retention: props.logRetention,
      encryptionKey: props.encryptionKey,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the trailing `:*` that `logGroupArn` carries.
      logDestinationConfigs: [Stack.of(this).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: this.logGroup.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
      redactedFields: props.redactedHeaders.map((header) => ({ singleHeader: { Name: header } })),
    });
  }
}
