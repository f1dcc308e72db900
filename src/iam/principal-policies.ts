import { AwsManagedPolicies } from './aws-managed-policies';
import { PolicyReader } from './policy-reader';
import { PolicyKind, PolicySource } from './policy-source';
import { PolicySources } from './policy-sources';
import { NormalizedStatement, PolicyValue, PrincipalType, StatementEffect } from './policy-statement';
import { AuditedResource } from '../core/audited-resource';
import { StackView } from '../core/stack-view';
import { AwsManagedPolicyDocuments } from './private/managed-policy-table';
import { ViewMemo } from '../engine/private/view-memo';

/** Where a policy that applies to a principal is written. */
export enum AppliedPolicyOrigin {
  /** An inline policy of the role (`Policies`). */
  INLINE = 'inline',
  /** An `AWS::IAM::Policy` (or `RolePolicy`) attached to the role: what aws-cdk-lib grant methods write. */
  ATTACHED = 'attached',
  /** A customer managed policy (`AWS::IAM::ManagedPolicy`) of the stack. */
  CUSTOMER_MANAGED = 'customer-managed',
  /** An AWS-managed policy, known by name. */
  AWS_MANAGED = 'aws-managed',
  /** A resource policy (queue, topic, bucket, key...) that names the role or anyone. */
  RESOURCE_POLICY = 'resource-policy',
}

/** One policy that applies to a principal, with where it is written. */
export interface AppliedPolicy {
  /** Where the policy is written. */
  readonly origin: AppliedPolicyOrigin;
  /**
   * The resource that carries the policy (the role itself for inline policies).
   *
   * @default - an AWS-managed policy or a policy outside the stack
   */
  readonly logicalId?: string;
  /** The CloudFormation property path of the document, or of the ARN for a managed policy. */
  readonly location: string;
  /**
   * The policy's name (inline policy name, managed policy name).
   *
   * @default - unnamed
   */
  readonly name?: string;
  /** The statements that apply to the principal (for resource policies, only those that name it or anyone). */
  readonly statements: NormalizedStatement[];
  /**
   * Why the policy's content is not known: an AWS-managed policy whose document the library does not carry, an
   * imported ARN, a document built from parameters.
   *
   * @default - the content is known
   */
  readonly unknownReason?: string;
}

/** A role used by several functions. */
export interface SharedRole {
  /** The role's logical id. */
  readonly roleLogicalId: string;
  /** The functions that use it, in template order. */
  readonly functionLogicalIds: string[];
}

/**
 * Collects, for one principal of a stack, every policy that applies to it wherever it is written: inline policies,
 * managed policy ARNs (customer managed policies of the stack and AWS-managed policies by name), `AWS::IAM::Policy`
 * and `AWS::IAM::ManagedPolicy` attachments, and resource policies that grant to it or to anyone.
 */
export class PrincipalPolicies {
  /** Every policy that applies to the role (empty when the stack has no such role). */
  public static forRole(roleLogicalId: string, view: StackView): AppliedPolicy[] {
    const role = view.resource(roleLogicalId);
    if (!role) return [];
    const applied: AppliedPolicy[] = [];
    const seen = new Set<string>();
    for (const source of PolicySources.of(role, view)) {
      if (source.kind === PolicyKind.IDENTITY) applied.push(fromSource(source, AppliedPolicyOrigin.INLINE));
    }
    PolicyReader.readValues(role.properties.ManagedPolicyArns, view).forEach((arn, index) => {
      const location = `Properties/ManagedPolicyArns/${index}`;
      const customer = arn.referencedLogicalIds.map((id) => view.resource(id)).find((r) => r?.resourceType === 'AWS::IAM::ManagedPolicy');
      if (customer) {
        seen.add(customer.logicalId);
        applied.push(...PolicySources.of(customer, view).map((s) => fromSource(s, AppliedPolicyOrigin.CUSTOMER_MANAGED)));
        return;
      }
      const name = arn.text === undefined ? undefined : AwsManagedPolicies.nameOf(arn.text);
      if (name !== undefined) {
        applied.push(awsManaged(name, location));
      } else {
        applied.push({
          origin: AppliedPolicyOrigin.CUSTOMER_MANAGED,
          location,
          statements: [],
          unknownReason: `managed policy ${arn.text ?? arn.unknownReason} is not defined in this stack`,
        });
      }
    });
    for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::RolePolicy']) {
      for (const carrier of view.referencingResources(roleLogicalId, type)) {
        if (seen.has(carrier.logicalId)) continue;
        for (const source of PolicySources.of(carrier, view)) {
          if (!source.appliesTo.includes(roleLogicalId)) continue;
          seen.add(carrier.logicalId);
          applied.push(fromSource(source, type === 'AWS::IAM::ManagedPolicy' ? AppliedPolicyOrigin.CUSTOMER_MANAGED : AppliedPolicyOrigin.ATTACHED));
        }
      }
    }
    applied.push(...PrincipalPolicies.resourcePoliciesGranting(roleLogicalId, view));
    return applied;
  }

  /**
   * The resource policies of the stack that grant to the role (by a reference to it) or to anyone, each reduced to
   * the statements that do.
   */
  public static resourcePoliciesGranting(roleLogicalId: string, view: StackView): AppliedPolicy[] {
    const applied: AppliedPolicy[] = [];
    for (const source of resourcePoliciesThatMayGrantTo(roleLogicalId, view)) {
      const statements = source.policy.statements.filter((s) => s.effect === StatementEffect.ALLOW && s.principals.some((p) =>
        p.principalType === PrincipalType.ANYONE || p.value.referencedLogicalIds.includes(roleLogicalId)));
      if (statements.length > 0) {
        applied.push({ ...fromSource(source, AppliedPolicyOrigin.RESOURCE_POLICY), statements: statements.map((s) => ownResources(s, source)) });
      }
    }
    return applied;
  }

  /** The logical id of the role a function runs with, or undefined when it is not a role of this stack. */
  public static roleOfFunction(functionLogicalId: string, view: StackView): string | undefined {
    const fn = view.resource(functionLogicalId);
    const role = fn ? view.referencedResource(fn.properties.Role) : undefined;
    return role?.resourceType === 'AWS::IAM::Role' ? role.logicalId : undefined;
  }

  /** The functions of the stack that run with the role, in template order. */
  public static functionsUsingRole(roleLogicalId: string, view: StackView): string[] {
    return view.referencingResources(roleLogicalId, 'AWS::Lambda::Function')
      .filter((fn) => view.referencedResource(fn.properties.Role)?.logicalId === roleLogicalId)
      .map((fn) => fn.logicalId);
  }

  /** Every role of the stack used by more than one function. */
  public static sharedRoles(view: StackView): SharedRole[] {
    return view.resourcesOfType('AWS::IAM::Role')
      .map((role) => ({ roleLogicalId: role.logicalId, functionLogicalIds: PrincipalPolicies.functionsUsingRole(role.logicalId, view) }))
      .filter((shared) => shared.functionLogicalIds.length > 1);
  }
}

/**
 * In a resource policy `Resource: *` means the resource the policy is attached to (a key policy's `*` is that key),
 * so it is rendered as that resource for effective permissions.
 */
function ownResources(statement: NormalizedStatement, source: PolicySource): NormalizedStatement {
  if (!statement.resources.some((r) => r.text === '*') || source.appliesTo.length === 0) return statement;
  const own: PolicyValue[] = source.appliesTo.map((id) => ({ text: `\${${id}.Arn}`, referencedLogicalIds: [id] }));
  return { ...statement, resources: statement.resources.flatMap((r) => (r.text === '*' ? own : [r])) };
}

function fromSource(source: PolicySource, origin: AppliedPolicyOrigin): AppliedPolicy {
  return {
    origin,
    logicalId: source.logicalId,
    location: source.location,
    name: source.policyName,
    statements: source.policy.statements,
    unknownReason: source.policy.unknownReason,
  };
}

function awsManaged(name: string, location: string): AppliedPolicy {
  const documents = AwsManagedPolicyDocuments.shared();
  const statements = documents.statements(name);
  if (!statements) {
    return {
      origin: AppliedPolicyOrigin.AWS_MANAGED,
      name,
      location,
      statements: [],
      unknownReason: `the library's table of AWS managed policies (${documents.provenance}) does not hold ${name}`,
    };
  }
  return { origin: AppliedPolicyOrigin.AWS_MANAGED, name, location, statements };
}

/** The resource policies of one stack, indexed by whom their `Allow` statements name. */
interface GranteeIndex {
  /** Policies granting to anyone, in template order. */
  readonly anyone: PolicySource[];
  /** Policies naming each role (by a reference to it), in template order. */
  readonly byRole: Map<string, PolicySource[]>;
  /** Template order of every indexed policy, to merge the two lists above. */
  readonly position: Map<PolicySource, number>;
}

/** Resource policies indexed once per view: every function's role asks, and a stack has one permission per trigger. */
const GRANTEE_INDEX = new ViewMemo<GranteeIndex>();

/** The resource policies that grant to the role (by a reference to it) or to anyone, in template order. */
function resourcePoliciesThatMayGrantTo(roleLogicalId: string, view: StackView): PolicySource[] {
  const index = GRANTEE_INDEX.get(view, '', () => indexGrantees(view));
  const named = index.byRole.get(roleLogicalId) ?? [];
  if (index.anyone.length === 0) return named;
  if (named.length === 0) return index.anyone;
  return [...new Set([...named, ...index.anyone])].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

function indexGrantees(view: StackView): GranteeIndex {
  const index: GranteeIndex = { anyone: [], byRole: new Map(), position: new Map() };
  for (const type of PolicySources.resourceTypes()) {
    for (const resource of view.resourcesOfType(type)) {
      if (grantsOnlyToServices(resource, view)) continue;
      for (const source of PolicySources.of(resource, view)) {
        if (source.kind !== PolicyKind.RESOURCE) continue;
        index.position.set(source, index.position.size);
        const roles = new Set<string>();
        let anyone = false;
        for (const statement of source.policy.statements) {
          if (statement.effect !== StatementEffect.ALLOW) continue;
          for (const principal of statement.principals) {
            if (principal.principalType === PrincipalType.ANYONE) anyone = true;
            for (const id of principal.value.referencedLogicalIds) roles.add(id);
          }
        }
        if (anyone) index.anyone.push(source);
        for (const role of roles) {
          const list = index.byRole.get(role) ?? [];
          list.push(source);
          index.byRole.set(role, list);
        }
      }
    }
  }
  return index;
}

/**
 * A Lambda (or layer) permission for an AWS service principal (`apigateway.amazonaws.com`), one per trigger, names
 * neither a role nor anyone: reading its principal alone spares reading the whole permission as a policy.
 */
function grantsOnlyToServices(resource: AuditedResource, view: StackView): boolean {
  if (resource.resourceType !== 'AWS::Lambda::Permission' && resource.resourceType !== 'AWS::Lambda::LayerVersionPermission') return false;
  const principals = PolicyReader.readPrincipals(resource.properties.Principal, view);
  return principals.length > 0 && principals.every((p) => p.principalType === PrincipalType.SERVICE);
}
