import { EscalationActions, EscalationTechnique } from '../../src/iam/escalation-actions';
import { IamActionCatalog } from '../../src/iam/iam-action-catalog';

describe('EscalationActions', () => {
  test('every entry is a real action of the catalogue, spelled as AWS spells it, with a reason', () => {
    for (const entry of EscalationActions.all()) {
      expect(IamActionCatalog.lookup(entry.action)?.action).toBe(entry.action);
      expect(entry.reason.length).toBeGreaterThan(20);
    }
  });

  test('covers the escalation paths the threat model names', () => {
    for (const action of ['iam:PassRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion', 'iam:UpdateAssumeRolePolicy', 'iam:CreateAccessKey', 'iam:CreateLoginProfile',
      'iam:UpdateLoginProfile', 'iam:AddUserToGroup', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration',
      'lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:AddPermission', 'sts:AssumeRole', 'glue:CreateDevEndpoint',
      'cloudformation:CreateStack', 'ec2:RunInstances', 'ssm:SendCommand']) {
      expect(EscalationActions.find(action)).toBeDefined();
    }
  });

  test('finds entries case-insensitively and through wildcards', () => {
    expect(EscalationActions.find('IAM:passrole')?.technique).toBe(EscalationTechnique.PASS_ROLE);
    expect(EscalationActions.find('s3:GetObject')).toBeUndefined();
    expect(EscalationActions.grantedBy('iam:Put*Policy').map((e) => e.action))
      .toEqual(['iam:PutRolePolicy', 'iam:PutUserPolicy', 'iam:PutGroupPolicy']);
    expect(EscalationActions.grantedBy('s3:Get*')).toEqual([]);
  });
});
