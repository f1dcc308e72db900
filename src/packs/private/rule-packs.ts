import { duplicateRuleIdProblem } from '../../core/private/rule-checks';
import { IRule, Severity } from '../../core/rule';
import { AuditEngineProps } from '../../engine/audit-engine';
import { RuleRegistry } from '../../rules/rule-registry';
import { IRulePack } from '../rule-pack';

/** Turns packs into what the engine runs. */
export class RulePacks {
  /**
   * The engine configuration for a pack: its rules looked up in the registry (built-in rules by default), plus any
   * additional rules, with the pack's severities.
   *
   * @param pack the pack to run
   * @param additionalRules rules to run besides the pack's (for example a team's own `IRule`s)
   * @param registry where the pack's ids are looked up
   * @throws when the pack names a rule the registry does not hold, or a rule would run twice
   */
  public static engineProps(pack: IRulePack, additionalRules?: IRule[], registry?: RuleRegistry): AuditEngineProps {
    const lookup = registry ?? RuleRegistry.builtIn();
    const rules: IRule[] = [];
    const severityOverrides: { [ruleId: string]: Severity } = {};
    for (const entry of pack.entries) {
      const rule = lookup.tryGet(entry.ruleId);
      if (!rule) {
        throw new Error(`Rule pack ${pack.name} names rule ${entry.ruleId}, which is not registered. `
          + `Registered rules: ${lookup.ids.join(', ') || 'none'}.`);
      }
      rules.push(rule);
      if (entry.severity !== undefined) severityOverrides[entry.ruleId] = entry.severity;
    }
    const packIds = new Set(rules.map((r) => r.id));
    for (const rule of additionalRules ?? []) {
      if (packIds.has(rule.id)) {
        throw new Error(`${duplicateRuleIdProblem(rule.id, `is both in pack ${pack.name} and in additionalRules; give your rule a different id`)}.`);
      }
      rules.push(rule);
    }
    return { rules, severityOverrides };
  }
}
