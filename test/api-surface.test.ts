import * as fs from 'fs';
import * as path from 'path';

/**
 * The public surface stays what users need (issue #19): API.md is generated from the jsii manifest by `npx projen
 * docgen` and CI fails when it is not current, so its type headings are the jsii types users of every language see.
 */
const apiMd = fs.readFileSync(path.join(__dirname, '..', 'API.md'), 'utf-8');
const types = [...apiMd.matchAll(/^### (\w+) <a name="\w+" id="cdk-secure-serverless\.(\w+)"><\/a>$/gm)].map((m) => m[2]);

test('at most 100 public jsii types', () => {
  expect(types.length).toBeGreaterThan(40); // the headings were read
  expect(types.length).toBeLessThanOrEqual(100);
});

test('API.md stays readable: at most 12,000 lines', () => {
  expect(apiMd.split('\n').length).toBeLessThanOrEqual(12_000);
});

test.each(['SecureFunction', 'SecureTable', 'SecureQueue', 'SecureTopic', 'SecureEventRule'])(
  '%s lists its own members and links to the aws-cdk-lib base for the inherited ones', (name) => {
    const section = apiMd.split(/^### /m).find((s) => s.startsWith(`${name} `))!;
    expect(section).toMatch(/Members inherited from `aws-cdk-lib\.aws_\w+\.\w+` are documented in \[its API reference\]\(https:\/\/docs\.aws\.amazon\.com\/cdk\/api\/v2\/docs\/aws-cdk-lib\.aws_\w+\.\w+\.html\)/);
    expect(section).toContain(`id="cdk-secure-serverless.${name}.Initializer"`);
    // `node` and `applyRemovalPolicy` are aws-cdk-lib's, never re-documented here
    expect(section).not.toContain(`id="cdk-secure-serverless.${name}.property.node"`);
    expect(section).not.toContain(`id="cdk-secure-serverless.${name}.applyRemovalPolicy"`);
  });

test('internal machinery is not public', () => {
  for (const internal of ['RuleIds', 'Justification', 'RulePacks', 'AuditBaseline', 'AuditDate', 'Findings', 'AuditEngine', 'ConstructIndex',
    'PolicyReader', 'TemplateEvaluator', 'ServerlessSecurityChecksProps', 'ServerlessSecurityAspectProps']) {
    expect(types).not.toContain(internal);
  }
});
