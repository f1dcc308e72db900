import { AwsManagedPolicies, ManagedPolicyBreadth } from './aws-managed-policies';
import { PermissionFinding, PermissionFindingKind, PermissionFindingKinds } from './permission-finding';
import { PolicyReader } from './policy-reader';
import { PolicyKind, PolicySource } from './policy-source';
import { PolicySources } from './policy-sources';
import { NormalizedPolicy } from './policy-statement';
import { AuditedResource } from '../core/audited-resource';
import { StackView } from '../core/stack-view';
import { toFindingId } from './private/finding-ids';
import { analyzeIdentityStatement } from './private/identity-statement-analysis';
import { analyzeResourceStatement, analyzeTrustStatement } from './private/principal-analysis';
import { ViewMemo } from '../engine/private/view-memo';

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

/** The default analysis of each resource, shared by the rules that ask for it. */
const ANALYSES = new ViewMemo<PermissionFinding[]>();

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
    return options?.ownAccountIds === undefined ? ANALYSES.get(view, resource.logicalId, analyze) : analyze();
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
      case PolicyKind.IDENTITY: return PolicyAnalyzer.analyzeIdentityPolicy(source.policy, view, source.appliesTo, source.location);
      case PolicyKind.TRUST: return PolicyAnalyzer.analyzeTrustPolicy(source.policy, options, source.location);
      default: return PolicyAnalyzer.analyzeResourcePolicy(source.policy, source.resourceType === 'AWS::KMS::Key', source.location);
    }
  }

  /**
   * Judges an identity policy: admin wildcards, write on `Resource: *`, escalation actions on broad resources,
   * `Allow` with `NotAction` / `NotResource`.
   *
   * @param policy the policy
   * @param view the stack, to tell which service a referenced resource belongs to
   * @param principalLogicalIds the roles, users or groups it applies to: managing their own policies is escalation
   * @param location where the document is, for undecidable documents
   */
  public static analyzeIdentityPolicy(policy: NormalizedPolicy, view: StackView, principalLogicalIds?: string[],
    location?: string): PermissionFinding[] {
    return [
      ...documentUndecidable(policy, location, PermissionFindingKinds.identity()),
      ...policy.statements.flatMap((s) => analyzeIdentityStatement(s, view, principalLogicalIds ?? [])),
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
   */
  public static analyzeResourcePolicy(policy: NormalizedPolicy, isKeyPolicy?: boolean, location?: string): PermissionFinding[] {
    const principalOptions = { ownAccountIds: [], isKeyPolicy: isKeyPolicy ?? false };
    return [...documentUndecidable(policy, location, PermissionFindingKinds.resourcePolicy()),
      ...policy.statements.flatMap((s) => analyzeResourceStatement(s, principalOptions))];
  }

  /** AWS-managed administrator, power-user and `*FullAccess` policies in a role's, user's or group's `ManagedPolicyArns`. */
  public static analyzeManagedPolicyArns(resource: AuditedResource, view: StackView): PermissionFinding[] {
    const arns = PolicyReader.readValues(resource.properties.ManagedPolicyArns, view);
    const findings: PermissionFinding[] = [];
    arns.forEach((arn, index) => {
      const location = `Properties/ManagedPolicyArns/${index}`;
      if (arn.text === undefined) {
        findings.push({
          kind: PermissionFindingKind.UNDECIDABLE,
          undecidedKinds: [PermissionFindingKind.BROAD_MANAGED_POLICY],
          findingId: `ManagedPolicyArns.${index}`,
          location,
          actions: [],
          resources: [],
          detail: `Managed policy ARN ${index} is not known at synth time (${arn.unknownReason}).`,
        });
        return;
      }
      const name = AwsManagedPolicies.nameOf(arn.text);
      const breadth = name === undefined ? ManagedPolicyBreadth.LIMITED : AwsManagedPolicies.breadthOf(name);
      if (name === undefined || breadth === ManagedPolicyBreadth.LIMITED) return;
      findings.push({
        kind: PermissionFindingKind.BROAD_MANAGED_POLICY,
        findingId: toFindingId(name),
        location,
        actions: [],
        resources: [],
        detail: `The AWS-managed policy ${name} is attached: ${BREADTH_WORDS[breadth]}. Grant the actions and `
          + 'resources the principal uses (aws-cdk-lib grant methods) instead.',
      });
    });
    return findings;
  }
}

const BREADTH_WORDS: { [breadth: string]: string } = {
  [ManagedPolicyBreadth.ADMINISTRATOR]: 'administrator access, or a direct path to it',
  [ManagedPolicyBreadth.POWER_USER]: 'every action of nearly every service',
  [ManagedPolicyBreadth.FULL_ACCESS]: 'every action of a whole service, on every resource',
};

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
    detail: `The policy document cannot be judged: ${policy.unknownReason}.`,
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
