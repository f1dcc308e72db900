import { IamActionCatalog } from './iam-action-catalog';

/** A technique by which an action lets a principal gain more privileges than it was given. */
export enum EscalationTechnique {
  /** Change the policies attached to a principal (its own, or one it can use). */
  MODIFY_POLICY = 'modify-policy',
  /** Hand an existing, more privileged role to a service that then acts with it. */
  PASS_ROLE = 'pass-role',
  /** Become another principal: assume a role, mint credentials, join a group. */
  ASSUME_IDENTITY = 'assume-identity',
  /** Run code of its choice under another principal's role (a function, an instance, a build, a stack). */
  RUN_CODE_AS_OTHER = 'run-code-as-other',
  /** Grant access through a resource policy or grant, to itself or to anyone. */
  RESOURCE_POLICY = 'resource-policy',
}

/** One action known to enable privilege escalation when granted on broad resources. */
export interface EscalationAction {
  /** The concrete action (`iam:PassRole`). */
  readonly action: string;
  /** How it escalates. */
  readonly technique: EscalationTechnique;
  /** Why it is dangerous, in one sentence a reviewer can check. */
  readonly reason: string;
}

const E = EscalationTechnique;
const row = (action: string, technique: EscalationTechnique, reason: string): EscalationAction => ({ action, technique, reason });

/**
 * The privilege-escalation knowledge of the library, in one table. Sources: the published AWS IAM escalation
 * research (Rhino Security Labs' 21 methods, Bishop Fox's iam-vulnerable) and the IAM and service documentation.
 * An action here on a single, named resource is usually what a grant method produces and is fine; on a wildcard
 * resource it hands the function a path to more privileges than its policy shows.
 */
const TABLE: EscalationAction[] = [
  // --- Changing policies -------------------------------------------------------------------------------------------
  row('iam:AttachRolePolicy', E.MODIFY_POLICY, 'attaches any managed policy, AdministratorAccess included, to a role'),
  row('iam:AttachUserPolicy', E.MODIFY_POLICY, 'attaches any managed policy, AdministratorAccess included, to a user'),
  row('iam:AttachGroupPolicy', E.MODIFY_POLICY, 'attaches any managed policy, AdministratorAccess included, to a group'),
  row('iam:PutRolePolicy', E.MODIFY_POLICY, 'writes an inline policy granting anything to a role'),
  row('iam:PutUserPolicy', E.MODIFY_POLICY, 'writes an inline policy granting anything to a user'),
  row('iam:PutGroupPolicy', E.MODIFY_POLICY, 'writes an inline policy granting anything to a group'),
  row('iam:CreatePolicyVersion', E.MODIFY_POLICY, 'rewrites a customer managed policy (and can make the new version the default)'),
  row('iam:SetDefaultPolicyVersion', E.MODIFY_POLICY, 'switches a managed policy to an older, possibly broader, version'),
  row('iam:DeleteRolePermissionsBoundary', E.MODIFY_POLICY, 'removes the permissions boundary that caps a role'),
  row('iam:PutRolePermissionsBoundary', E.MODIFY_POLICY, 'replaces the permissions boundary that caps a role'),
  row('iam:DeleteUserPermissionsBoundary', E.MODIFY_POLICY, 'removes the permissions boundary that caps a user'),
  row('iam:PutUserPermissionsBoundary', E.MODIFY_POLICY, 'replaces the permissions boundary that caps a user'),
  row('iam:UpdateAssumeRolePolicy', E.MODIFY_POLICY, 'rewrites a role\'s trust policy so that the caller (or anyone) can assume it'),
  // --- Passing roles -----------------------------------------------------------------------------------------------
  row('iam:PassRole', E.PASS_ROLE, 'hands any role, however privileged, to a service (Lambda, EC2, Glue, CloudFormation, ...) that acts with it'),
  // --- Becoming someone else ---------------------------------------------------------------------------------------
  row('sts:AssumeRole', E.ASSUME_IDENTITY, 'assumes any role whose trust policy trusts the account'),
  row('iam:CreateAccessKey', E.ASSUME_IDENTITY, 'mints long-lived access keys for another user'),
  row('iam:CreateLoginProfile', E.ASSUME_IDENTITY, 'sets a console password for a user that has none'),
  row('iam:UpdateLoginProfile', E.ASSUME_IDENTITY, 'changes another user\'s console password'),
  row('iam:AddUserToGroup', E.ASSUME_IDENTITY, 'adds a user to a more privileged group'),
  // --- Running code under another role -----------------------------------------------------------------------------
  row('lambda:UpdateFunctionCode', E.RUN_CODE_AS_OTHER, 'replaces another function\'s code, which then runs with that function\'s role'),
  row('lambda:UpdateFunctionConfiguration', E.RUN_CODE_AS_OTHER, 'adds a layer or changes the handler (or, with iam:PassRole, the role) of another function'),
  row('lambda:CreateFunction', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, creates a function running any code under any passable role'),
  row('lambda:InvokeFunction', E.RUN_CODE_AS_OTHER, 'invokes any function, borrowing whatever its role can do'),
  row('lambda:CreateEventSourceMapping', E.RUN_CODE_AS_OTHER, 'with a created function, triggers it without invoke permissions'),
  row('glue:CreateDevEndpoint', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, opens an SSH endpoint running under any passable role'),
  row('glue:UpdateDevEndpoint', E.RUN_CODE_AS_OTHER, 'adds an SSH key to an existing development endpoint and runs under its role'),
  row('glue:CreateJob', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, runs a script under any passable role'),
  row('glue:UpdateJob', E.RUN_CODE_AS_OTHER, 'replaces the script (and, with iam:PassRole, the role) of an existing job'),
  row('cloudformation:CreateStack', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, deploys any resources with a passable service role'),
  row('cloudformation:UpdateStack', E.RUN_CODE_AS_OTHER, 'redeploys an existing stack, which uses that stack\'s (often administrative) service role'),
  row('cloudformation:CreateChangeSet', E.RUN_CODE_AS_OTHER, 'prepares a change set that runs with the stack\'s service role'),
  row('cloudformation:ExecuteChangeSet', E.RUN_CODE_AS_OTHER, 'applies a change set with the stack\'s service role'),
  row('ec2:RunInstances', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, starts an instance whose user data runs under any passable instance profile'),
  row('ssm:SendCommand', E.RUN_CODE_AS_OTHER, 'runs shell commands on managed instances, with their instance roles'),
  row('ssm:StartSession', E.RUN_CODE_AS_OTHER, 'opens a shell on managed instances, with their instance roles'),
  row('codebuild:CreateProject', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, runs a build under any passable role'),
  row('codebuild:StartBuild', E.RUN_CODE_AS_OTHER, 'runs an existing project, whose buildspec can be overridden, under its role'),
  row('ecs:RunTask', E.RUN_CODE_AS_OTHER, 'runs a task, with iam:PassRole under any passable task role'),
  row('ecs:RegisterTaskDefinition', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, defines a task running any image under any passable role'),
  row('sagemaker:CreateNotebookInstance', E.RUN_CODE_AS_OTHER, 'with iam:PassRole, starts a notebook running under any passable role'),
  row('sagemaker:CreatePresignedNotebookInstanceUrl', E.RUN_CODE_AS_OTHER, 'opens a shell in an existing notebook, with its role'),
  row('states:StartExecution', E.RUN_CODE_AS_OTHER, 'starts any state machine, which acts with its own role'),
  // --- Resource policies and grants ---------------------------------------------------------------------------------
  row('lambda:AddPermission', E.RESOURCE_POLICY, 'lets any principal, the public included, invoke a function'),
  row('kms:PutKeyPolicy', E.RESOURCE_POLICY, 'rewrites a key policy, taking control of the key and everything encrypted with it'),
  row('kms:CreateGrant', E.RESOURCE_POLICY, 'grants any principal the use of a key'),
  row('s3:PutBucketPolicy', E.RESOURCE_POLICY, 'rewrites a bucket policy, opening the bucket to anyone'),
  row('sqs:AddPermission', E.RESOURCE_POLICY, 'lets other accounts use a queue'),
  row('sns:AddPermission', E.RESOURCE_POLICY, 'lets other accounts use a topic'),
  row('secretsmanager:PutResourcePolicy', E.RESOURCE_POLICY, 'rewrites a secret\'s resource policy, opening it to other principals'),
];

const BY_ACTION = new Map(TABLE.map((e) => [e.action.toLowerCase(), e]));

/** Actions that, granted on broad resources, let a principal obtain more privileges than its policies show. */
export class EscalationActions {
  /** Every entry of the table. */
  public static all(): EscalationAction[] {
    return TABLE.map((e) => ({ ...e }));
  }

  /**
   * The entry for a concrete action (case-insensitive).
   *
   * @returns the entry, or undefined when the action is not a known escalation path
   */
  public static find(action: string): EscalationAction | undefined {
    const entry = BY_ACTION.get(action.trim().toLowerCase());
    return entry ? { ...entry } : undefined;
  }

  /** The escalation actions a pattern grants (`iam:*Policy*` grants AttachRolePolicy, PutRolePolicy, ...). */
  public static grantedBy(pattern: string): EscalationAction[] {
    return TABLE.filter((e) => IamActionCatalog.matches(pattern, e.action)).map((e) => ({ ...e }));
  }
}
