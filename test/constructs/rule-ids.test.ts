import { RuleIds } from '../../src/constructs/common/rule-ids';
import { ServerlessSecurityChecks } from '../../src/hosts/serverless-security-checks';
import { RuleRegistry } from '../../src/rules/rule-registry';

// The constructs record relaxations as acknowledgements of audit rules; an id that no rule has would make a relaxed
// default invisible in the report, so every id the constructs use must be a built-in rule's id.
test('every rule id the constructs acknowledge is the id of a registered built-in rule', () => {
  const ruleIds = new Set(RuleRegistry.builtIn().ids);
  const constructIds = Object.entries(RuleIds)
    .filter(([name, value]) => name !== 'PLUGIN_NAME' && typeof value === 'string')
    .map(([, value]) => value as string);
  expect(constructIds.length).toBeGreaterThan(20);
  expect(constructIds.filter((id) => !ruleIds.has(id))).toEqual([]);
});

test('the plugin name the constructs acknowledge under is the plugin\'s own name', () => {
  expect(RuleIds.PLUGIN_NAME).toBe(ServerlessSecurityChecks.PLUGIN_NAME);
  expect(RuleIds.qualified(RuleIds.LAMBDA_TRACING)).toBe(`${ServerlessSecurityChecks.PLUGIN_NAME}::SLS-LAMBDA-TRACING`);
});
