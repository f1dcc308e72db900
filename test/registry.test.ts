import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc, RULES_DOC_PATH } from '../scripts/generate-rules-doc';
import { IRule, RuleCategory, Severity } from '../src/core/rule';
import { AuditEngine } from '../src/engine/audit-engine';
import { BuiltInRules } from '../src/rules/builtin-rules';
import { RuleRegistry } from '../src/rules/rule-registry';

const RULES_DIR = path.join(__dirname, '..', 'src', 'rules');

const RULE_TESTS_DIR = path.join(__dirname, 'rules');

/** Rule id -> the source file that declares it (`src/rules/<service>/<name>.ts`), found by reading the sources. */
function ruleSourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const service of fs.readdirSync(RULES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const dir = path.join(RULES_DIR, service.name);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts')) {
      const source = fs.readFileSync(path.join(dir, file), 'utf-8');
      for (const match of source.matchAll(/static readonly ID = '([^']+)'/g)) files.set(match[1], `${service.name}/${file}`);
    }
  }
  return files;
}

function fakeRule(id: string, resourceTypes = ['AWS::SQS::Queue']): IRule {
  return {
    id,
    resourceTypes,
    category: RuleCategory.CONFIGURATION,
    severity: Severity.ERROR,
    description: 'The queue is fine.',
    remediation: 'Make it fine.',
    check: () => [],
  };
}

describe('RuleRegistry', () => {
  test('registers rules and indexes them by id and by type', () => {
    const registry = new RuleRegistry();
    const queue = fakeRule('A-1');
    const both = fakeRule('B-2', ['AWS::SQS::Queue', 'AWS::SNS::Topic']);
    registry.register(queue);
    registry.register(both);
    expect(registry.get('A-1')).toBe(queue);
    expect(registry.tryGet('C-3')).toBeUndefined();
    expect(registry.ids).toEqual(['A-1', 'B-2']);
    expect(registry.rulesFor('AWS::SQS::Queue')).toEqual([queue, both]);
    expect(registry.rulesFor('AWS::SNS::Topic')).toEqual([both]);
    expect(registry.rulesFor('AWS::S3::Bucket')).toEqual([]);
  });

  test('refuses duplicate ids, malformed ids and rules without resource types', () => {
    const registry = new RuleRegistry();
    registry.register(fakeRule('A-1'));
    expect(() => registry.register(fakeRule('A-1'))).toThrow(/\[RULE006\] rule "A-1" is already registered/);
    expect(() => registry.register(fakeRule('A_1'))).toThrow(/rule "A_1": the id must be letters, digits and single hyphens/);
    expect(() => registry.register(fakeRule('A[1]'))).toThrow(/must be letters, digits and single hyphens/);
    expect(() => registry.register(fakeRule('B-2', []))).toThrow(/rule "B-2": resourceTypes must list at least one CloudFormation type/);
  });

  test('judges ids with the engine\'s one check: the same coded problem for a custom rule and a built-in one', () => {
    const custom = fakeRule('MY::RULE [x]');
    const builtIn = Object.create(BuiltInRules.all()[0], { id: { value: 'MY::RULE [x]' } }) as IRule;
    const problem = /^RuleRegistry: \[RULE001\] rule "MY::RULE \[x\]": the id must be letters, digits and single hyphens .*, but it holds ":", " ", "\[", "\]"/;
    expect(() => new RuleRegistry().register(custom)).toThrow(problem);
    expect(() => new RuleRegistry().register(builtIn)).toThrow(problem);
    expect(() => new AuditEngine({ rules: [custom] })).toThrow(/^AuditEngine: \[RULE001\] rule "MY::RULE \[x\]": the id must be/);
  });

  test('get names the known rules when an id is unknown', () => {
    const registry = new RuleRegistry();
    registry.register(fakeRule('A-1'));
    expect(() => registry.get('Z-9')).toThrow(/no rule with id Z-9\. Known rules: A-1\./);
  });
});

describe('built-in rules', () => {
  const rules = BuiltInRules.all();
  const sources = ruleSourceFiles();

  test('are all registered, with unique ids', () => {
    expect(RuleRegistry.builtIn().ids).toEqual(rules.map((r) => r.id));
  });

  test('include every rule written under src/rules/<service>/', () => {
    const registered = new Set(rules.map((r) => r.id));
    expect([...sources.entries()].filter(([id]) => !registered.has(id)).map(([id, file]) => `${id} (${file})`)).toEqual([]);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      test('takes its id from its class (`static readonly ID`), the one place it is spelled', () => {
        expect((rule.constructor as unknown as { ID?: string }).ID).toBe(rule.id);
      });

      test('has an id of the form SLS-<SERVICE>-<NAME>', () => {
        expect(rule.id).toMatch(new RegExp(RuleRegistry.ID_PATTERN));
        expect(rule.id).toMatch(/^SLS-[A-Z0-9]+(-[A-Z0-9]+)+$/);
      });

      test('is documented: a one-sentence description and a remediation', () => {
        expect(rule.description).toMatch(/^[A-Z`].*\.$/s);
        expect(rule.description).not.toMatch(/\.\s+[A-Z]/);
        expect(rule.remediation.trim().length).toBeGreaterThan(10);
      });

      test('has a known category and severity, with the reason for that severity', () => {
        expect(Object.values(RuleCategory)).toContain(rule.category);
        expect(Object.values(Severity)).toContain(rule.severity);
        expect(rule.severityReason).toMatch(/^[A-Z`].{20,}\.$/s);
      });

      test('reads CloudFormation types of the form AWS::X::Y, Custom::X (the type AwsCustomResource gives its calls), or the view\'s template entries (Template::X)', () => {
        expect(rule.resourceTypes.length).toBeGreaterThan(0);
        for (const type of rule.resourceTypes) expect(type).toMatch(/^(?:AWS::[A-Za-z0-9]+::[A-Za-z0-9]+|Custom::[A-Za-z0-9]+|Template::[A-Za-z]+)$/);
      });

      test('has a test file named after its source file', () => {
        const source = sources.get(rule.id);
        expect(source).toBeDefined();
        const testFile = path.join(RULE_TESTS_DIR, source!.replace(/\.ts$/, '.test.ts'));
        expect(fs.existsSync(testFile) ? testFile : `missing ${path.relative(process.cwd(), testFile)}`).toBe(testFile);
      });
    });
  }
});

describe('docs/RULES.md', () => {
  test('is the text generated from the registry (run scripts/generate-rules-doc.ts to update it)', () => {
    expect(fs.readFileSync(RULES_DOC_PATH, 'utf-8')).toEqual(renderRulesDoc());
  });

  test('documents each rule under its threat, with severity, types, description and remediation', () => {
    const registry = new RuleRegistry();
    registry.register({ ...fakeRule('SLS-TEST-ONE'), category: RuleCategory.SECRETS, description: 'No | pipes break it.', severityReason: 'It leaks.' });
    registry.register({ ...fakeRule('SLS-TEST-TWO'), category: RuleCategory.SECRETS, severity: Severity.INFO });
    const doc = renderRulesDoc(registry);
    const section = doc.substring(doc.indexOf('## T5 Secrets'), doc.indexOf('## T6'));
    expect(section).toContain('| `SLS-TEST-ONE` | error | It leaks. | `AWS::SQS::Queue` | No \\| pipes break it. | Make it fine. |');
    expect(section).toContain('| `SLS-TEST-TWO` | info |  | `AWS::SQS::Queue` | The queue is fine. | Make it fine. |');
    expect(doc.substring(doc.indexOf('## T1'), doc.indexOf('## T2'))).toContain('No rule yet.');
  });
});
