import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';
import { PolicyReader } from '../../iam/policy-reader';

/** SDK calls that change who may do what in IAM: the template no longer shows the app's permissions. */
const IAM_CHANGES = new Set([
  'attachrolepolicy', 'attachuserpolicy', 'attachgrouppolicy', 'putrolepolicy', 'putuserpolicy', 'putgrouppolicy',
  'createpolicyversion', 'setdefaultpolicyversion', 'updateassumerolepolicy', 'putrolepermissionsboundary',
  'deleterolepermissionsboundary', 'putuserpermissionsboundary', 'deleteuserpermissionsboundary', 'createaccesskey',
  'createloginprofile', 'updateloginprofile', 'addusertogroup',
]);

/** SDK calls that write a resource policy, with where the policy is in their parameters. */
const POLICY_WRITES: { readonly [serviceAndAction: string]: (parameters: any) => any } = {
  's3.putbucketpolicy': (p) => p?.Policy,
  'sqs.setqueueattributes': (p) => p?.Attributes?.Policy,
  'sns.settopicattributes': (p) => (String(p?.AttributeName).toLowerCase() === 'policy' ? p?.AttributeValue : undefined),
  'kms.putkeypolicy': (p) => p?.Policy,
  'secretsmanager.putresourcepolicy': (p) => p?.ResourcePolicy,
  'dynamodb.putresourcepolicy': (p) => p?.Policy,
  'ecr.setrepositorypolicy': (p) => p?.policyText,
  'lambda.addpermission': (p) => p && ({
    Statement: [{
      Effect: 'Allow',
      Principal: p.Principal,
      Action: p.Action ?? 'lambda:InvokeFunction',
      Condition: p.SourceArn ? { ArnLike: { 'aws:SourceArn': p.SourceArn } } : p.SourceAccount ? { StringEquals: { 'aws:SourceAccount': p.SourceAccount } }
        : p.PrincipalOrgID ? { StringEquals: { 'aws:PrincipalOrgID': p.PrincipalOrgID } }
          : p.FunctionUrlAuthType ? { StringEquals: { 'lambda:FunctionUrlAuthType': p.FunctionUrlAuthType } } : undefined,
    }],
  }),
};

/** SDK calls that open a resource outright. */
const OPENINGS: { readonly [serviceAndAction: string]: (parameters: any) => string | undefined } = {
  's3.deletepublicaccessblock': () => 'removes the bucket\'s public access block',
  's3.putbucketacl': (p) => (/public/i.test(String(p?.ACL)) ? `sets the canned ACL ${p.ACL}` : undefined),
  'lambda.createfunctionurlconfig': (p) => (String(p?.AuthType).toUpperCase() === 'NONE' ? 'creates a function URL with auth type NONE' : undefined),
  'lambda.updatefunctionurlconfig': (p) => (String(p?.AuthType).toUpperCase() === 'NONE' ? 'sets a function URL\'s auth type to NONE' : undefined),
};

const PHASES = ['Create', 'Update', 'Delete'];

/**
 * Flags `AwsCustomResource` SDK calls (resources of type `Custom::AWS`, whose `Create`, `Update` and `Delete`
 * properties are JSON strings naming a service, an action and its parameters) that change permissions behind the
 * template's back, where no rule of the audit sees the result:
 * - IAM changes (`attachRolePolicy`, `putRolePolicy`, `createPolicyVersion`, `updateAssumeRolePolicy`, ...);
 * - resource policies written by the call (`s3.putBucketPolicy`, `sqs.setQueueAttributes` with `Policy`,
 *   `lambda.addPermission`, ...) that admit anyone, judged by the audit's one resource-policy judgement;
 * - calls that open a resource outright (`s3.deletePublicAccessBlock`, a function URL with auth type `NONE`).
 * A call whose text is not known at synth time is "unable to decide".
 */
export class CustomResourceSdkCallRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CUSTOMRESOURCE-SDK-CALL';

  public readonly id = CustomResourceSdkCallRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'An SDK call that rewrites IAM or opens a resource to anyone grants access the template does '
    + 'not show, so neither reviewers nor the audit see the exposure.';
  public readonly description: string = 'AwsCustomResource SDK calls do not change IAM permissions or open resources to anyone.';
  public readonly remediation: string = 'Declare the permission in the template instead (iam.Role, iam.Policy, fn.addPermission, '
    + 'bucket.addToResourcePolicy), where the audit and reviewers see it; keep AwsCustomResource for reads and data changes.';
  public readonly resourceTypes: string[] = ['Custom::AWS'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const phase of PHASES) {
      const raw = resource.properties[phase];
      if (raw === undefined) continue;
      const location = `Properties/${phase}`;
      const known = readValue(stack, raw);
      if (!known.known) {
        verdicts.push(Verdicts.undecidable(`Which SDK call the custom resource makes on ${phase} is not known.`, known.unknownReason!, { findingId: phase, location }));
        continue;
      }
      const call = parseCall(known.value);
      if (call === undefined) continue;
      const detail = judgeCall(call, stack, location);
      if (detail) verdicts.push(Verdicts.violation(`On ${phase}, the custom resource calls ${call.service}.${call.action}, which ${detail}.`, { findingId: FindingIds.sanitize(`${phase}.${call.action}`), location }));
    }
    return verdicts;
  }
}

interface SdkCall {
  readonly service: string;
  readonly action: string;
  readonly parameters: any;
}

/** `{"service":"IAM","action":"attachRolePolicy",...}`, or the v3 names (`@aws-sdk/client-iam`, `AttachRolePolicyCommand`). */
function parseCall(value: any): SdkCall | undefined {
  let call = value;
  if (typeof value === 'string') {
    try {
      call = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (call === null || typeof call !== 'object' || typeof call.service !== 'string' || typeof call.action !== 'string') return undefined;
  const service = call.service.toLowerCase().replace(/^@aws-sdk\/client-/, '').replace(/-/g, '');
  const action = call.action.replace(/Command$/, '');
  return { service, action: action.charAt(0).toLowerCase() + action.slice(1), parameters: call.parameters };
}

function judgeCall(call: SdkCall, stack: StackView, location: string): string | undefined {
  const action = call.action.toLowerCase();
  if (call.service === 'iam' && IAM_CHANGES.has(action)) return 'changes IAM permissions outside the template';
  const key = `${call.service}.${action}`;
  const opening = OPENINGS[key]?.(call.parameters);
  if (opening) return opening;
  const policy = POLICY_WRITES[key]?.(call.parameters);
  if (policy === undefined) return undefined;
  const document = PolicyReader.readDocument(policy, stack, location);
  const findings = PolicyAnalyzer.analyzeResourcePolicy(document, call.service === 'kms', location)
    .filter((f) => f.kind === PermissionFindingKind.RESOURCE_POLICY_PUBLIC);
  return findings.length > 0 ? `writes a resource policy that admits anyone (${findings[0].detail.replace(/\.$/, '')})` : undefined;
}
