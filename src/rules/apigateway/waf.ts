import { restApiOf } from './private/rest-api-graph';
import { StageSettings } from './private/stage-settings';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const ASSOCIATION = 'AWS::WAFv2::WebACLAssociation';
const WEB_ACL = 'AWS::WAFv2::WebACL';

/**
 * T3: a public (regional or edge-optimized) REST API stage sits behind an AWS WAF web ACL with AWS managed rule
 * groups (common exploits, known bad inputs, IP reputation) and a rate-based rule. Findings: `no-web-acl`,
 * `managed-rules`, `rate-rule`. Rule groups or rules left in count mode do not block and do not count. Private APIs
 * are reachable only through a VPC endpoint and are not applicable.
 */
export class RestApiWafRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-WAF';

  public readonly id = RestApiWafRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'A web ACL filters common exploits and request floods before they reach the API; the controls it backs up (authorization, validation, throttling) are judged by their own rules, so it is defence in depth.';
  public readonly description = 'Public API Gateway REST stages are associated with a WAF web ACL that has AWS managed rule groups and a rate-based rule.';
  public readonly remediation = 'Associate a regional `wafv2.CfnWebACL` (with AWS managed rule groups and a rate-based rule) to the stage with `wafv2.CfnWebACLAssociation`, or use SecureApi, which creates and associates one by default (or takes yours as `webAclArn`).';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    const api = restApiOf(resource, stack);
    if (api) {
      const types = readValue(stack, api.properties.EndpointConfiguration?.Types);
      if (types.known && Array.isArray(types.value) && types.value.every((t: any) => t === 'PRIVATE')) return [];
    }
    const associations = this.associationsOf(resource, api, stack);
    if (associations.length === 0) {
      return [Verdicts.violation(`${stage.label} of a public API has no WAF web ACL association.`, { findingId: 'no-web-acl' })];
    }
    return associations.flatMap((a) => this.checkWebAcl(a, stage.label, stack));
  }

  /**
   * Associations whose `ResourceArn` refers to this stage: through a reference to the stage itself (aws-cdk-lib's
   * `stage.stageArn`), or to the API with this stage's literal name (`.../restapis/${Api}/stages/prod`).
   */
  private associationsOf(stage: AuditedResource, api: AuditedResource | undefined, stack: StackView): AuditedResource[] {
    const direct = stack.referencingResources(stage.logicalId, ASSOCIATION);
    const name = stage.properties.StageName;
    const viaApi = api && typeof name === 'string'
      ? stack.referencingResources(api.logicalId, ASSOCIATION).filter((a) => {
        const arn = readValue(stack, a.properties.ResourceArn);
        return arn.known && typeof arn.value === 'string' && arn.value.endsWith(`/stages/${name}`);
      })
      : [];
    return [...new Set([...direct, ...viaApi])];
  }

  private checkWebAcl(association: AuditedResource, label: string, stack: StackView): Verdict[] {
    const acl = stack.referencedResource(association.properties.WebACLArn);
    if (!acl || acl.resourceType !== WEB_ACL) {
      const arn = readValue(stack, association.properties.WebACLArn);
      const reason = arn.known ? `web ACL ${JSON.stringify(arn.value)}, which this stack does not define` : arn.unknownReason;
      return [Verdicts.undecidable(`The rules of the web ACL associated with ${label} (${association.logicalId}) are not known at synth time.`, reason)];
    }
    const rules = readValue(stack, acl.properties.Rules);
    if (!rules.known) {
      return [Verdicts.undecidable(`The rules of web ACL ${acl.logicalId} protecting ${label} are not known at synth time.`, rules.unknownReason)];
    }
    const list: any[] = Array.isArray(rules.value) ? rules.value : [];
    const verdicts: Verdict[] = [];
    if (!list.some((r) => blocks(r) && hasStatement(r.Statement, 'ManagedRuleGroupStatement'))) {
      verdicts.push(Verdicts.violation(`Web ACL ${acl.logicalId} protecting ${label} has no AWS managed rule group in blocking mode.`, { findingId: 'managed-rules' }));
    }
    if (!list.some((r) => blocks(r) && hasStatement(r.Statement, 'RateBasedStatement'))) {
      verdicts.push(Verdicts.violation(`Web ACL ${acl.logicalId} protecting ${label} has no rate-based rule in blocking mode.`, { findingId: 'rate-rule' }));
    }
    return verdicts;
  }
}

/** A rule group in `OverrideAction: { Count: {} }` or a rule with `Action: { Count: {} }` only counts. */
function blocks(rule: any): boolean {
  return !(rule?.OverrideAction?.Count || rule?.Action?.Count);
}

/** Managed rule groups and rate-based statements can only be top-level statements of a web ACL rule. */
function hasStatement(statement: any, kind: string): boolean {
  return Boolean(statement && typeof statement === 'object' && statement[kind]);
}
