import { TlsPolicies, TlsPolicyVerdict } from './private/tls-policies';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * T3: custom domains of REST and HTTP APIs reject TLS 1.0 and 1.1, which have known weaknesses and are deprecated by
 * RFC 8996.
 *
 * An explicit `TLS_1_0` (or an enhanced policy with a 1.0/1.1 minimum) is an error. A missing `SecurityPolicy` is
 * reported as a warning (`implicit-policy`) rather than an error: the API Gateway guide now gives new REST custom
 * domains `TLS_1_2` by default, but the template then does not state the floor, a domain created before that default
 * keeps TLS 1.0, and reviewers cannot see the policy. A policy name this rule does not know is also a warning
 * (`unknown-policy`).
 */
export class ApiDomainTlsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-DOMAIN-TLS';

  public readonly id = ApiDomainTlsRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'TLS 1.0 and 1.1 have known weaknesses (RFC 8996) that let a network attacker weaken or read connections; a policy left implicit or unknown to the rule is a warning.';
  public readonly description = 'API Gateway custom domains use a TLS 1.2 or newer security policy.';
  public readonly remediation = 'Set `securityPolicy: SecurityPolicy.TLS_1_2` (or a newer `SecurityPolicy_*` policy) on the domain name, or use SecureApi, whose `domainName` prop always uses a TLS 1.2 or newer policy.';
  public readonly resourceTypes = ['AWS::ApiGateway::DomainName', 'AWS::ApiGateway::DomainNameV2', 'AWS::ApiGatewayV2::DomainName'];

  public check(domain: AuditedResource, stack: StackView): Verdict[] {
    if (domain.resourceType === 'AWS::ApiGatewayV2::DomainName') {
      const configs = readValue(stack, domain.properties.DomainNameConfigurations);
      if (!configs.known) {
        return [Verdicts.undecidable(`The configurations of domain ${this.name(domain)} are not known at synth time.`, configs.unknownReason, { location: 'Properties/DomainNameConfigurations' })];
      }
      const list: any[] = Array.isArray(domain.properties.DomainNameConfigurations) ? domain.properties.DomainNameConfigurations : [];
      if (list.length === 0) return this.judge(domain, undefined, 'Properties/DomainNameConfigurations', stack);
      return list.flatMap((c, i) => this.judge(domain, c?.SecurityPolicy, `Properties/DomainNameConfigurations/${i}/SecurityPolicy`, stack));
    }
    return this.judge(domain, domain.properties.SecurityPolicy, 'Properties/SecurityPolicy', stack);
  }

  private judge(domain: AuditedResource, raw: any, location: string, stack: StackView): Verdict[] {
    const name = this.name(domain);
    if (raw === undefined) {
      return [Verdicts.violation(`Domain ${name} does not set a security policy: the TLS floor is left to the service default instead of being stated as TLS 1.2 or newer.`, { location, findingId: 'implicit-policy', severity: Severity.WARNING })];
    }
    const policy = readValue(stack, raw);
    if (!policy.known) return [Verdicts.undecidable(`The security policy of domain ${name} is not known at synth time.`, policy.unknownReason, { location })];
    switch (TlsPolicies.judge(String(policy.value))) {
      case TlsPolicyVerdict.TLS_1_2_OR_NEWER:
        return [];
      case TlsPolicyVerdict.LEGACY:
        return [Verdicts.violation(`Domain ${name} uses security policy ${policy.value}, which accepts TLS 1.0 and 1.1.`, { location })];
      case TlsPolicyVerdict.UNKNOWN:
        return [Verdicts.violation(`Domain ${name} uses security policy ${policy.value}, which this rule does not know; check that it rejects TLS versions below 1.2.`, { location, findingId: 'unknown-policy', severity: Severity.WARNING })];
    }
  }

  private name(domain: AuditedResource): string {
    const name = domain.properties.DomainName;
    return typeof name === 'string' ? `${name} (${domain.logicalId})` : domain.logicalId;
  }
}
