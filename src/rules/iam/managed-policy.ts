import { permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { AwsManagedPolicies, ManagedPolicyBreadth } from '../../iam/aws-managed-policies';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';
import { PolicyReader } from '../../iam/policy-reader';
import { PolicyKind } from '../../iam/policy-source';
import { PolicySources } from '../../iam/policy-sources';
import { PrincipalType, StatementEffect } from '../../iam/policy-statement';
import { PrincipalPolicies } from '../../iam/principal-policies';
import { toFindingId } from '../../iam/private/finding-ids';

/**
 * AWS-managed policies scoped to what every function needs, which aws-cdk-lib attaches itself: writing its own logs
 * (`AWSLambdaBasicExecutionRole`), managing its network interfaces in a VPC (`AWSLambdaVPCAccessExecutionRole`) and
 * sending traces (`AWSXRayDaemonWriteAccess`). Not findings: reporting them on every function would be noise.
 */
const FUNCTION_BASELINE_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole', 'AWSLambdaVPCAccessExecutionRole', 'AWSXRayDaemonWriteAccess',
]);

/** `lambda.amazonaws.com` and `edgelambda.amazonaws.com` (Lambda@Edge), with any partition suffix. */
const LAMBDA_SERVICE = /^(edge)?lambda\.amazonaws\.com/;

/**
 * Flags AWS-managed policies attached to roles, users and groups: administrator, power-user and `*FullAccess`
 * policies anywhere (errors, judged by `AwsManagedPolicies.breadthOf`), and other AWS-managed policies on function
 * execution roles (warnings: they are written for every customer, so they grant far more than one function needs, and
 * AWS may widen them at any time).
 */
export class IamManagedPolicyRule implements IRule {
  public readonly id = 'SLS-IAM-MANAGED-POLICY';
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly description: string = 'Roles do not carry AWS-managed administrator, power-user or full-access policies, and function roles carry no broad AWS-managed policies.';
  public readonly remediation: string = 'Remove the managed policy from the role (iam.ManagedPolicy.fromAwsManagedPolicyName) and grant '
    + 'the function exactly what it uses through the grant methods of the resources it reaches; SecureFunction roles '
    + 'receive permissions only through grants.';
  public readonly resourceTypes: string[] = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const verdicts = permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, [PermissionFindingKind.BROAD_MANAGED_POLICY]));
    if (resource.type === 'AWS::IAM::Role' && isFunctionRole(resource, stack)) {
      verdicts.push(...servicePoliciesOnFunctionRole(resource, stack));
    }
    return verdicts;
  }
}

/**
 * The AWS-managed policies of limited breadth (not admin, power-user or full access: those are findings already) on a
 * function role, other than the baseline every function needs. Unknown ARNs are reported as undecidable already.
 */
function servicePoliciesOnFunctionRole(role: AuditedResource, stack: StackView): Verdict[] {
  const verdicts: Verdict[] = [];
  PolicyReader.readValues(role.properties.ManagedPolicyArns, stack).forEach((arn, index) => {
    const name = arn.text === undefined ? undefined : AwsManagedPolicies.nameOf(arn.text);
    if (name === undefined || FUNCTION_BASELINE_POLICIES.has(name)) return;
    if (AwsManagedPolicies.breadthOf(name) !== ManagedPolicyBreadth.LIMITED) return;
    verdicts.push(Verdicts.violation(`The function role carries the AWS-managed policy ${name}, written for every customer and broader than one function needs.`, { findingId: toFindingId(name), location: `Properties/ManagedPolicyArns/${index}`, severity: Severity.WARNING }));
  });
  return verdicts;
}

/** A role a function of the stack runs with, or whose trust policy lets the Lambda service assume it. */
function isFunctionRole(role: AuditedResource, stack: StackView): boolean {
  if (PrincipalPolicies.functionsUsingRole(role.logicalId, stack).length > 0) return true;
  return PolicySources.of(role, stack).filter((source) => source.kind === PolicyKind.TRUST)
    .flatMap((source) => source.policy.statements)
    .some((statement) => statement.effect === StatementEffect.ALLOW && statement.principals.some((p) =>
      p.principalType === PrincipalType.SERVICE && LAMBDA_SERVICE.test(p.value.text ?? '')));
}
