/**
 * What an IAM action lets a principal do, as the AWS Service Authorization Reference classifies it. Wildcards are
 * judged by the access levels of the actions they expand to, not by the `*` character.
 */
export enum IamAccessLevel {
  /** Lists resources (`s3:ListBucket`): discloses names, not contents. */
  LIST = 'List',
  /** Reads contents or configuration (`s3:GetObject`, `secretsmanager:GetSecretValue`). */
  READ = 'Read',
  /** Creates, changes or deletes resources or data (`s3:PutObject`, `lambda:UpdateFunctionCode`). */
  WRITE = 'Write',
  /** Changes who may do what: resource policies, IAM policies, grants (`iam:AttachRolePolicy`, `kms:CreateGrant`). */
  PERMISSIONS_MANAGEMENT = 'Permissions management',
  /** Adds or removes tags only (`s3:PutObjectTagging` is Write; `lambda:TagResource` is Tagging). */
  TAGGING = 'Tagging',
}
