import { ArnFormat, Aws, Fn, Names, Stack, aws_kms as kms, aws_logs as logs, aws_wafv2 as wafv2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_SITE_DEFAULTS as D } from '../defaults';

/** Props of `SiteWebAcl`. */
export interface SiteWebAclProps {
  /** Requests per client IP per 5 minutes before the IP is blocked. */
  readonly rateLimit: number;
  /** Key of the WAF log group. */
  readonly encryptionKey: kms.IKey;
  /** Retention of the WAF log group. */
  readonly logRetention: logs.RetentionDays;
}

/**
 * A WAFv2 web ACL with CLOUDFRONT scope for one distribution (T3): AWS managed rule groups (IP reputation, common
 * rules, known bad inputs) and a per-IP rate-based rule, logging to an encrypted `aws-waf-logs-` log group with the
 * `authorization` and `cookie` headers redacted. CLOUDFRONT-scope web ACLs (and their log groups) exist only in
 * us-east-1: the caller creates this only in a stack whose region is us-east-1.
 */
export class SiteWebAcl extends Construct {
  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** The log group that receives WAF logs. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SiteWebAclProps) {
    super(scope, id);
    const metricPrefix = Names.uniqueResourceName(this, { maxLength: 80, separator: '-' });
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}-${name}`.slice(0, 128),
    });

    const managedRules: wafv2.CfnWebACL.RuleProperty[] = D.wafManagedRuleGroups.map((name, i) => ({
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
      scope: 'CLOUDFRONT',
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
      redactedFields: D.wafRedactedHeaders.map((header) => ({ singleHeader: { Name: header } })),
    });
  }
}
