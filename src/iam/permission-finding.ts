import { ResourceScope } from './resource-scope';

/** What a least-privilege finding is about. Each rule of the audit reports the kinds it owns. */
export enum PermissionFindingKind {
  /** `Action: *` on more than named resources: administrator access. */
  FULL_ADMIN = 'full-admin',
  /** `service:*` on more than named resources: administrator of a whole service. */
  SERVICE_ADMIN = 'service-admin',
  /**
   * `*` or `service:*` on named resources only: every action, deletion and permissions management included, on
   * those resources (what `table.grantFullAccess` produces). Less than admin, more than most functions need.
   */
  SERVICE_WILDCARD = 'service-wildcard',
  /** Write, permissions-management or tagging actions that support resource-level permissions, on `Resource: *`. */
  WRITE_ON_ALL_RESOURCES = 'write-on-all-resources',
  /**
   * A write action that names no resource but that a condition key of its own service scopes
   * (`cloudwatch:PutMetricData` by `cloudwatch:namespace`, what `Metric.grantPutMetricData` grants), on `Resource: *`
   * without that key: it reaches everything the service holds (every metric namespace). Less than a write on every
   * resource, since the action can name nothing else; the detail names the condition key to add.
   */
  WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE = 'write-on-all-resources-condition-scopable',
  /**
   * Reads that disclose secrets (`secretsmanager:GetSecretValue`, `ssm:GetParameter*`, `kms:Decrypt`) on `Resource: *`:
   * every secret of the account.
   */
  READ_SECRETS_ON_ALL_RESOURCES = 'read-secrets-on-all-resources',
  /** Read actions that support resource-level permissions, on `Resource: *` (every object, item...). */
  READ_ON_ALL_RESOURCES = 'read-on-all-resources',
  /** A known privilege-escalation action on broad resources (see `EscalationActions`). */
  PRIVILEGE_ESCALATION = 'privilege-escalation',
  /** `Allow` with `NotAction`: grants every action not listed, including those AWS adds later. */
  ALLOW_NOT_ACTION = 'allow-not-action',
  /** `Allow` with `NotResource`: grants on every resource not listed. */
  ALLOW_NOT_RESOURCE = 'allow-not-resource',
  /**
   * An AWS managed policy whose document grants what would be an error in an inline policy: administrator access,
   * writes on every resource, privilege escalation, `NotAction`.
   */
  BROAD_MANAGED_POLICY = 'broad-managed-policy',
  /** An AWS managed policy whose document reads every resource of a service (or a whole service on named resources). */
  READ_MANAGED_POLICY = 'read-managed-policy',
  /** A trust policy any principal can satisfy. */
  TRUST_ANYONE = 'trust-anyone',
  /** A trust policy that trusts another AWS account. */
  TRUST_OTHER_ACCOUNT = 'trust-other-account',
  /** A web-identity trust without an audience or subject condition: any token from the provider can assume it. */
  TRUST_FEDERATED_UNSCOPED = 'trust-federated-unscoped',
  /** A trust policy that trusts an AWS service none of the resources using the role needs. */
  TRUST_SERVICE_UNUSED = 'trust-service-unused',
  /**
   * A trust policy that trusts a service acting on behalf of other resources (EventBridge, Scheduler, SNS, ...) without
   * `aws:SourceArn` / `aws:SourceAccount` (confused deputy).
   */
  TRUST_SERVICE_UNSCOPED = 'trust-service-unscoped',
  /** A resource policy that grants anyone, without a condition that scopes the caller. */
  RESOURCE_POLICY_PUBLIC = 'resource-policy-public',
  /** A resource policy that grants an AWS service without `aws:SourceArn` / `aws:SourceAccount` (confused deputy). */
  RESOURCE_POLICY_SERVICE_UNSCOPED = 'resource-policy-service-unscoped',
  /** A value the judgement needs is not known at synth time: report as "unable to decide". */
  UNDECIDABLE = 'undecidable',
}

/** One least-privilege finding about one policy statement (or attachment) of one resource. */
export interface PermissionFinding {
  /** What the finding is about. */
  readonly kind: PermissionFindingKind;
  /**
   * A short stable id, unique per kind on the resource, usable as a verdict's `findingId` so the finding can be
   * acknowledged on its own: the action pattern as written (`s3:Put*`), the escalation action (`iam:PassRole`), the
   * managed policy name (`AdministratorAccess`), the principal. Letters, digits, `-`, `_`, `.`, `:` and `*` only.
   */
  readonly findingId: string;
  /** One sentence naming what is granted to whom on what, and why it matters. */
  readonly detail: string;
  /** CloudFormation property path of the statement or attachment (`Properties/PolicyDocument/Statement/0`). */
  readonly location: string;
  /** The concrete actions the finding is about (at most a few dozen: see `detail` for counts). */
  readonly actions: string[];
  /** The resources, rendered (`*`, `${MyBucket.Arn}/*`). */
  readonly resources: string[];
  /**
   * The scope of those resources.
   *
   * @default - not about resources (trust and resource policies, managed policies)
   */
  readonly resourceScope?: ResourceScope;
  /**
   * For `UNDECIDABLE` findings, what is not known at synth time (`parameter OrgId`), named apart from `detail` so the
   * verdict says it once (`Verdicts.undecidable`).
   *
   * @default - not an undecidable finding
   */
  readonly unknownReason?: string;
  /**
   * For `UNDECIDABLE` findings, the kinds the finding could turn out to be once the unknown value is known, so that
   * each rule reports "unable to decide" only for what it judges (see `PolicyAnalyzer.findingsFor`).
   *
   * @default - not an undecidable finding
   */
  readonly undecidedKinds?: PermissionFindingKind[];
}

/** The kinds judged on identity statements, which an unknown identity statement could be. */
export class PermissionFindingKinds {
  /** What an identity-policy statement can be found to be. */
  public static identity(): PermissionFindingKind[] {
    return [PermissionFindingKind.FULL_ADMIN, PermissionFindingKind.SERVICE_ADMIN, PermissionFindingKind.SERVICE_WILDCARD,
      PermissionFindingKind.WRITE_ON_ALL_RESOURCES, PermissionFindingKind.WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE,
      PermissionFindingKind.READ_ON_ALL_RESOURCES, PermissionFindingKind.READ_SECRETS_ON_ALL_RESOURCES,
      PermissionFindingKind.PRIVILEGE_ESCALATION, PermissionFindingKind.ALLOW_NOT_ACTION, PermissionFindingKind.ALLOW_NOT_RESOURCE];
  }

  /** What a trust-policy statement can be found to be. */
  public static trust(): PermissionFindingKind[] {
    return [PermissionFindingKind.TRUST_ANYONE, PermissionFindingKind.TRUST_OTHER_ACCOUNT, PermissionFindingKind.TRUST_FEDERATED_UNSCOPED];
  }

  /** What a trusted service principal can be found to be. */
  public static trustedServices(): PermissionFindingKind[] {
    return [PermissionFindingKind.TRUST_SERVICE_UNUSED, PermissionFindingKind.TRUST_SERVICE_UNSCOPED];
  }

  /** What a resource-policy statement can be found to be. */
  public static resourcePolicy(): PermissionFindingKind[] {
    return [PermissionFindingKind.RESOURCE_POLICY_PUBLIC, PermissionFindingKind.RESOURCE_POLICY_SERVICE_UNSCOPED];
  }
}
