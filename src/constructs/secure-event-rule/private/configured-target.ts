import { aws_events as events } from 'aws-cdk-lib';

/** The rule a target is bound to (`events.IRuleRef` in aws-cdk-lib, named through `IRuleTarget` to stay version-proof). */
type BoundRule = Parameters<events.IRuleTarget['bind']>[0];

/**
 * Wraps a target (any `events.IRuleTarget`: `aws-events-targets` or your own) so that the configuration it binds to
 * the rule is completed by `configure` (dead-letter queue, retry policy) before aws-cdk-lib renders it. Internal: the
 * user adds the target itself with `rule.addTarget(target)`.
 */
export class ConfiguredTarget implements events.IRuleTarget {
  constructor(
    private readonly inner: events.IRuleTarget,
    private readonly configure: (config: events.RuleTargetConfig, rule: BoundRule) => events.RuleTargetConfig,
  ) {}

  public bind(rule: BoundRule, id?: string): events.RuleTargetConfig {
    return this.configure(this.inner.bind(rule, id), rule);
  }
}
