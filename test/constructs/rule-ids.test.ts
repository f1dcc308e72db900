import { RuleIds } from '../../src/constructs/common/rule-ids';
import { BuiltInRules } from '../../src/rules/builtin-rules';

// The constructs record relaxations as acknowledgements of audit rules; an id that no rule has would make a relaxed
// default invisible in the report, so every id the constructs use must be a built-in rule's id.
test('every rule id the constructs acknowledge is the id of a built-in rule', () => {
  const ruleIds = new Set(BuiltInRules.all().map((rule) => rule.id));
  const constructIds = Object.entries(RuleIds)
    .filter(([name, value]) => name !== 'PLUGIN_NAME' && typeof value === 'string')
    .map(([, value]) => value as string);
  expect(constructIds.length).toBeGreaterThan(20);
  expect(constructIds.filter((id) => !ruleIds.has(id))).toEqual([]);
});
