import { AwsManagedPolicies } from './aws-managed-policies';
import { EscalationActions } from './escalation-actions';
import { PermissionFinding, PermissionFindingKind, PermissionFindingKinds } from './permission-finding';
import { PolicyReader } from './policy-reader';
import { PolicyKind, PolicySource } from './policy-source';
import { PolicySources } from './policy-sources';
import { NormalizedPolicy } from './policy-statement';
import { AuditedResource } from '../core/audited-resource';
import { FindingIds } from '../core/finding-ids';
import { StackView } from '../core/stack-view';
import { summarize } from './private/finding-text';
import { analyzeIdentityStatement } from './private/identity-statement-analysis';
import { AwsManagedPolicyDocuments } from './private/managed-policy-table';
import { analyzeResourcePolicyStatements, analyzeTrustedServices, analyzeTrustStatement } from './private/principal-analysis';
import { DELEGATE_SERVICES, rolePurposes, serviceOfPrincipal } from './private/role-purpose';

/** Options of a least-privilege analysis. */
export interface PolicyAnalysisOptions {
  /**
   * Account ids that are this stack's own account when written literally (a stack with an explicit `env` renders its
   * account as a literal, not as `AWS::AccountId`). Trusting them is not a cross-account finding.
   *
   * @default - only `AWS::AccountId` counts as this account
   */
  readonly ownAccountIds?: string[];
}

/**
 * The default analysis of each resource, shared by the rules that ask for it. Keyed by the resource object, not its
 * logical id: the engine judges a resource whose properties hold an undecided `Fn::If` once per variant, each a
 * resource of its own with the same logical id.
 */
const ANALYSES = new WeakMap<AuditedResource, PermissionFinding[]>();

/**
 * Judges IAM by what it grants. Each method returns the least-privilege findings of one policy or one resource;
 * rules pick the kinds they report (see `PermissionFindingKind`) and turn them into verdicts, using `findingId` so
 * each finding can be acknowledged on its own. Narrow grants, such as every aws-cdk-lib grant method on a named
 * resource and the `*` that X-Ray requires, produce no finding.
 */
export class PolicyAnalyzer {
  /**
   * Every finding about the policies a CloudFormation resource carries (see `PolicySources.resourceTypes()`):
   * identity statements, trust statements, resource-policy statements and AWS-managed policy attachments. The result
   * is computed once per resource and view, so several rules can ask for it.
   */
  public static analyzeResource(resource: AuditedResource, view: StackView, options?: PolicyAnalysisOptions): PermissionFinding[] {
    const analyze = () => deduplicate([
      ...PolicySources.of(resource, view).flatMap((source) => PolicyAnalyzer.analyzeSource(source, view, options)),
      ...PolicyAnalyzer.analyzeManagedPolicyArns(resource, view),
    ]);
    // Options other than the default change the findings: only the default analysis is shared.
    if (options?.ownAccountIds !== undefined) return analyze();
    let findings = ANALYSES.get(resource);
    if (!findings) {
      findings = analyze();
      ANALYSES.set(resource, findings);
    }
    return findings;
  }

  /**
   * The findings of a resource that a rule owns: those of the given kinds, plus the undecidable findings that could be
   * one of them once the unknown value is known. This is what a rule's `check` maps to verdicts.
   *
   * @param resource the resource the rule checks
   * @param view its stack
   * @param kinds the kinds the rule reports
   * @param options analysis options
   */
  public static findingsFor(resource: AuditedResource, view: StackView, kinds: PermissionFindingKind[],
    options?: PolicyAnalysisOptions): PermissionFinding[] {
    return PolicyAnalyzer.analyzeResource(resource, view, options).filter((f) => kinds.includes(f.kind)
      || (f.kind === PermissionFindingKind.UNDECIDABLE && (f.undecidedKinds ?? []).some((k) => kinds.includes(k))));
  }

  /** The findings of one policy found by `PolicySources`. */
  public static analyzeSource(source: PolicySource, view: StackView, options?: PolicyAnalysisOptions): PermissionFinding[] {
    switch (source.kind) {
      case PolicyKind.IDENTITY: return PolicyAnalyzer.analyzeIdentityPolicy(source.policy, view, source.location);
      case PolicyKind.TRUST: return [
        ...PolicyAnalyzer.analyzeTrustPolicy(source.policy, options, source.location),
        ...analyzeServiceTrust(source, view),
      ];
      default: return PolicyAnalyzer.analyzeResourcePolicy(source.policy, source.resourceType === 'AWS::KMS::Key', source.location,
        RESOURCE_NOUNS[source.resourceType]);
    }
  }

  /**
   * Judges an identity policy: admin wildcards, write on `Resource: *`, escalation actions on broad resources,
   * `Allow` with `NotAction` / `NotResource`.
   *
   * @param policy the policy
   * @param view the stack, to tell which service a referenced resource belongs to
   * @param location where the document is, for undecidable documents
   */
  public static analyzeIdentityPolicy(policy: NormalizedPolicy, view: StackView, location?: string): PermissionFinding[] {
    return [
      ...documentUndecidable(policy, location, PermissionFindingKinds.identity()),
      ...policy.statements.flatMap((s) => analyzeIdentityStatement(s, view)),
    ];
  }

  /** Judges a role's trust policy: anyone, other accounts, unscoped web identities. */
  public static analyzeTrustPolicy(policy: NormalizedPolicy, options?: PolicyAnalysisOptions, location?: string): PermissionFinding[] {
    const principalOptions = { ownAccountIds: options?.ownAccountIds ?? [], isKeyPolicy: false };
    return [...documentUndecidable(policy, location, PermissionFindingKinds.trust()),
      ...policy.statements.flatMap((s) => analyzeTrustStatement(s, principalOptions))];
  }

  /**
   * Judges a resource policy: grants to anyone, or to an AWS service without `aws:SourceArn` / `aws:SourceAccount`.
   *
   * @param policy the policy
   * @param isKeyPolicy true for a KMS key policy, where encryption-context conditions scope a service
   * @param location where the document is, for undecidable documents
   * @param noun what the policy protects, for messages (`queue`)
   */
  public static analyzeResourcePolicy(policy: NormalizedPolicy, isKeyPolicy?: boolean, location?: string, noun?: string): PermissionFinding[] {
    const principalOptions = { ownAccountIds: [], isKeyPolicy: isKeyPolicy ?? false, noun };
    return [...documentUndecidable(policy, location, PermissionFindingKinds.resourcePolicy()),
      ...analyzeResourcePolicyStatements(policy, principalOptions)];
  }

  /**
   * The AWS managed policies in a role's, user's or group's `ManagedPolicyArns`, judged by their documents (the
   * library's table of AWS managed policies, see `AwsManagedPolicyDocuments`): a policy that grants what would be an
   * error in an inline policy (administrator access, writes on every resource, escalation, `NotAction`) is a
   * `BROAD_MANAGED_POLICY`; one that reads every resource of a service is a `READ_MANAGED_POLICY`. The baseline every
   * function needs (`AWSLambdaBasicExecutionRole`, `AWSLambdaVPCAccessExecutionRole`, `AWSXRayDaemonWriteAccess`)
   * is not judged. A name the table does not know, or an ARN not known at synth time, is undecidable.
   */
  public static analyzeManagedPolicyArns(resource: AuditedResource, view: StackView): PermissionFinding[] {
    const arns = PolicyReader.readValues(resource.properties.ManagedPolicyArns, view);
    const findings: PermissionFinding[] = [];
    const kinds = [PermissionFindingKind.BROAD_MANAGED_POLICY, PermissionFindingKind.READ_MANAGED_POLICY];
    arns.forEach((arn, index) => {
      const location = `Properties/ManagedPolicyArns/${index}`;
      const base = { location, actions: [], resources: [] };
      if (arn.text === undefined) {
        findings.push({
          ...base,
          kind: PermissionFindingKind.UNDECIDABLE,
          undecidedKinds: kinds,
          findingId: `ManagedPolicyArns.${index}`,
          detail: `Which managed policy is attached (managed policy ARN ${index}) is not known.`,
          unknownReason: arn.unknownReason,
        });
        return;
      }
      const name = AwsManagedPolicies.nameOf(arn.text);
      if (name === undefined || AwsManagedPolicies.isFunctionBaseline(name)) return;
      const judged = judgeManagedPolicy(name);
      if (judged === undefined) {
        findings.push({
          ...base,
          kind: PermissionFindingKind.UNDECIDABLE,
          undecidedKinds: kinds,
          findingId: FindingIds.sanitize(name),
          detail: `What the AWS managed policy ${name} grants is not known: check the name, or update the library.`,
          unknownReason: `its document, which the library's table of AWS managed policies (${AwsManagedPolicyDocuments.shared().provenance}) `
            + 'does not hold',
        });
      } else if (judged.kind !== undefined) {
        findings.push({
          ...base,
          kind: judged.kind,
          findingId: FindingIds.sanitize(name),
          actions: judged.actions,
          detail: `The AWS managed policy ${name} ${judged.grants}. Grant the actions and resources the principal uses `
            + '(aws-cdk-lib grant methods) instead.',
        });
      }
    });
    return findings;
  }
}

/** What an AWS managed policy's document amounts to, once per policy name (the documents never change in a run). */
interface ManagedJudgement {
  /** `BROAD_MANAGED_POLICY`, `READ_MANAGED_POLICY`, or undefined when it grants nothing the analysis reports. */
  readonly kind?: PermissionFindingKind;
  /** What it grants, as the end of a sentence (`allows lambda:InvokeFunction on every resource ...`). */
  readonly grants: string;
  readonly actions: string[];
}

const MANAGED_JUDGEMENTS = new Map<string, ManagedJudgement | undefined>();
const ERROR_KINDS = new Set([PermissionFindingKind.FULL_ADMIN, PermissionFindingKind.SERVICE_ADMIN, PermissionFindingKind.WRITE_ON_ALL_RESOURCES,
  PermissionFindingKind.PRIVILEGE_ESCALATION, PermissionFindingKind.ALLOW_NOT_ACTION, PermissionFindingKind.ALLOW_NOT_RESOURCE]);
const WARNING_KINDS = new Set([PermissionFindingKind.READ_ON_ALL_RESOURCES, PermissionFindingKind.SERVICE_WILDCARD,
  PermissionFindingKind.WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE]);

function judgeManagedPolicy(name: string): ManagedJudgement | undefined {
  if (MANAGED_JUDGEMENTS.has(name.toLowerCase())) return MANAGED_JUDGEMENTS.get(name.toLowerCase());
  const statements = AwsManagedPolicyDocuments.shared().statements(name);
  let judgement: ManagedJudgement | undefined;
  if (statements !== undefined) {
    const view = EMPTY_VIEW();
    const findings = statements.flatMap((s) => analyzeIdentityStatement(s, view));
    const errors = findings.filter((f) => ERROR_KINDS.has(f.kind));
    const warnings = findings.filter((f) => WARNING_KINDS.has(f.kind));
    const chosen = errors.length > 0 ? errors : warnings;
    judgement = {
      kind: errors.length > 0 ? PermissionFindingKind.BROAD_MANAGED_POLICY
        : warnings.length > 0 ? PermissionFindingKind.READ_MANAGED_POLICY : undefined,
      grants: `allows ${summarize(chosen.map(describeManaged), 3)}`,
      actions: [...new Set(chosen.flatMap((f) => f.actions))].slice(0, 50),
    };
  }
  MANAGED_JUDGEMENTS.set(name.toLowerCase(), judgement);
  return judgement;
}

/** One reason a managed policy is broad, in a few words. */
function describeManaged(finding: PermissionFinding): string {
  const everywhere = 'on every resource';
  switch (finding.kind) {
    case PermissionFindingKind.FULL_ADMIN: return 'every action on every resource (administrator access)';
    case PermissionFindingKind.SERVICE_ADMIN: return `${finding.actions[0]} ${everywhere} (administrator of ${finding.actions[0].split(':')[0]})`;
    case PermissionFindingKind.PRIVILEGE_ESCALATION: {
      const action = finding.actions[0];
      return `${action} ${finding.resources.includes('*') ? everywhere : 'on wildcard resources'} (it ${EscalationActions.find(action)?.reason ?? 'escalates privileges'})`;
    }
    case PermissionFindingKind.ALLOW_NOT_ACTION: return 'every action but a few (NotAction)';
    case PermissionFindingKind.WRITE_ON_ALL_RESOURCES:
      return `${finding.actions.length === 1 ? finding.actions[0] : `${finding.actions.length} write actions (${summarize(finding.actions, 3)})`} ${everywhere}`;
    case PermissionFindingKind.READ_ON_ALL_RESOURCES:
      return `${finding.actions.length === 1 ? finding.actions[0] : `${finding.actions.length} read actions (${summarize(finding.actions, 3)})`} ${everywhere}`;
    default: return `${summarize(finding.actions, 3)} ${everywhere}`;
  }
}

/** The analysis of managed policies needs no stack: their resources are literal. */
let emptyView: StackView | undefined;
function EMPTY_VIEW(): StackView {
  if (!emptyView) emptyView = new StackView('aws-managed-policies', {});
  return emptyView;
}

/** What a resource policy protects, by the type carrying it, for messages. */
const RESOURCE_NOUNS: { [type: string]: string } = {
  'AWS::SQS::QueuePolicy': 'queue',
  'AWS::SQS::QueueInlinePolicy': 'queue',
  'AWS::SNS::TopicPolicy': 'topic',
  'AWS::SNS::TopicInlinePolicy': 'topic',
  'AWS::S3::BucketPolicy': 'bucket',
  'AWS::KMS::Key': 'key',
  'AWS::ApiGateway::RestApi': 'REST API',
  'AWS::Events::EventBus': 'event bus',
  'AWS::Events::EventBusPolicy': 'event bus',
  'AWS::SecretsManager::ResourcePolicy': 'secret',
  'AWS::Lambda::Permission': 'function',
  'AWS::Lambda::LayerVersionPermission': 'layer',
  'AWS::DynamoDB::Table': 'table',
  'AWS::DynamoDB::GlobalTable': 'table',
  'AWS::ECR::Repository': 'repository',
};

/** The trusted services of a role that its users do not need, or that act for other resources without a source condition. */
function analyzeServiceTrust(source: PolicySource, view: StackView): PermissionFinding[] {
  if (source.resourceType !== 'AWS::IAM::Role') return [];
  const purpose = rolePurposes(view).get(source.logicalId);
  const context = {
    neededServices: purpose === undefined || purpose.incomplete ? undefined : purpose.services,
    users: purpose?.users ?? [],
    delegateServices: DELEGATE_SERVICES,
    serviceOf: serviceOfPrincipal,
  };
  return source.policy.statements.flatMap((statement) => analyzeTrustedServices(statement, context));
}

function documentUndecidable(policy: NormalizedPolicy, location: string | undefined,
  undecidedKinds: PermissionFindingKind[]): PermissionFinding[] {
  if (!policy.unknownReason) return [];
  return [{
    kind: PermissionFindingKind.UNDECIDABLE,
    undecidedKinds,
    findingId: 'PolicyDocument',
    location: location ?? 'Properties',
    actions: [],
    resources: [],
    detail: 'The policy document cannot be judged.',
    unknownReason: policy.unknownReason,
  }];
}

/** One finding per kind and id on a resource: the first occurrence, with the actions and resources of all of them. */
function deduplicate(findings: PermissionFinding[]): PermissionFinding[] {
  const byKey = new Map<string, PermissionFinding>();
  for (const finding of findings) {
    const key = `${finding.kind}|${finding.findingId}`;
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, finding);
      continue;
    }
    byKey.set(key, {
      ...existing,
      actions: [...new Set([...existing.actions, ...finding.actions])],
      resources: [...new Set([...existing.resources, ...finding.resources])],
    });
  }
  return [...byKey.values()];
}
