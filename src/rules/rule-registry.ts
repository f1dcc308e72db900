import { BuiltInRules } from './builtin-rules';
import { duplicateRuleIdProblem, RULE_ID_PATTERN, ruleContractProblems } from '../core/private/rule-checks';
import { IRule } from '../core/rule';

/**
 * The rules known to an audit, by id and by the resource types they read. Registration checks what every other
 * part relies on: ids are unique and made of letters, digits and hyphens (they end up in acknowledgement ids,
 * report names and SARIF rule ids), and every rule reads at least one CloudFormation type.
 */
export class RuleRegistry {
  /** The form of a rule id: letters, digits and single hyphens. */
  public static readonly ID_PATTERN = RULE_ID_PATTERN.source;

  /** A registry holding every built-in rule (`BuiltInRules.all()`). */
  public static builtIn(): RuleRegistry {
    const registry = new RuleRegistry();
    for (const rule of BuiltInRules.all()) registry.register(rule);
    return registry;
  }

  private readonly byId = new Map<string, IRule>();
  private readonly byType = new Map<string, IRule[]>();

  /**
   * Adds a rule.
   *
   * @throws when the rule's contract is broken (the one check of built-in and custom rules, `RULE001`-`RULE005`) or
   *   its id is already registered (`RULE006`)
   */
  public register(rule: IRule): void {
    const problems = ruleContractProblems(rule);
    if (problems.length > 0) throw new Error(`RuleRegistry: ${problems.join('; ')}.`);
    if (this.byId.has(rule.id)) {
      throw new Error(`RuleRegistry: ${duplicateRuleIdProblem(rule.id, 'is already registered; give the new rule a different id')}.`);
    }
    this.byId.set(rule.id, rule);
    for (const type of new Set(rule.resourceTypes)) {
      const list = this.byType.get(type) ?? [];
      list.push(rule);
      this.byType.set(type, list);
    }
  }

  /**
   * The rule with this id.
   *
   * @throws when no rule has this id, listing the known ids
   */
  public get(id: string): IRule {
    const rule = this.byId.get(id);
    if (!rule) throw new Error(`RuleRegistry: no rule with id ${id}. Known rules: ${this.ids.join(', ') || 'none'}.`);
    return rule;
  }

  /**
   * The rule with this id, if registered.
   *
   * @returns the rule, or undefined when none has this id
   */
  public tryGet(id: string): IRule | undefined {
    return this.byId.get(id);
  }

  /** Every registered rule, in registration order. */
  public get rules(): IRule[] {
    return [...this.byId.values()];
  }

  /** Every registered rule id, in registration order. */
  public get ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The rules that read a CloudFormation type. */
  public rulesFor(resourceType: string): IRule[] {
    return this.byType.get(resourceType) ?? [];
  }
}
