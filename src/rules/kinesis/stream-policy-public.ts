import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags Kinesis Data Streams resource policies (`AWS::Kinesis::ResourcePolicy`, on a stream or a stream consumer)
 * that admit anyone (`Principal: "*"`, `{"AWS": "*"}`, `NotPrincipal`) with no condition that narrows the callers by
 * value: anyone could read the records the functions produce or, with `PutRecord`, feed the functions that consume
 * the stream events they trust (T2). A service principal without `aws:SourceArn` / `aws:SourceAccount` is a warning.
 *
 * Decision: a grant to another account (`stream.grantRead(new AccountPrincipal(...))`) is a named principal and is
 * not this rule's concern; cross-account grants belong to the IAM analysis.
 */
export class KinesisStreamPolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-KINESIS-POLICY-PUBLIC';

  public readonly id = KinesisStreamPolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A stream open to "*" lets anyone read its records, or write records that the consuming '
    + 'functions then process as trusted events.';
  public readonly description: string = 'Kinesis stream and consumer resource policies admit only named principals, or "*" narrowed to an account or organization.';
  public readonly remediation: string = 'Grant to named principals (stream.grantRead(principal), stream.grantWrite(principal)); when a '
    + 'statement must name "*", add an aws:PrincipalOrgID or aws:SourceAccount condition.';
  public readonly resourceTypes: string[] = ['AWS::Kinesis::ResourcePolicy'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
