import { IamAccessLevel } from './access-level';
import { EffectiveFunctionPermissions, EffectiveServicePermissions } from './function-permissions';
import { IamActionCatalog } from './iam-action-catalog';
import { NormalizedStatement, PolicyValue, StatementEffect } from './policy-statement';
import { AppliedPolicy, AppliedPolicyOrigin, PrincipalPolicies } from './principal-policies';
import { StackView } from '../core/stack-view';
import { ActionWildcard } from './private/action-pattern';
import { ResourceScope, ResourceScopes } from './resource-scope';

interface Accumulator {
  actions: Set<string>;
  levels: Set<IamAccessLevel>;
  resources: Map<string, ResourceScope>;
  grantedBy: Set<string>;
}

/**
 * Computes the effective permissions of each function: every `Allow` of every policy that applies to its role,
 * expanded against the IAM action catalogue and grouped by service, minus what unconditional `Deny` statements on
 * `Resource: *` remove. Conditional denies, permission boundaries and SCPs are not applied: the result is what the
 * policies of the stack allow at most.
 */
export class EffectivePermissions {
  /** The effective permissions of every function of the stack, in template order. */
  public static ofFunctions(view: StackView): EffectiveFunctionPermissions[] {
    return view.resourcesOfType('AWS::Lambda::Function').map((fn) => EffectivePermissions.ofFunction(fn.logicalId, view));
  }

  /** The effective permissions of one function. */
  public static ofFunction(functionLogicalId: string, view: StackView): EffectiveFunctionPermissions {
    const fn = view.resource(functionLogicalId);
    const constructPath = fn?.constructPath ?? functionLogicalId;
    const roleLogicalId = PrincipalPolicies.roleOfFunction(functionLogicalId, view);
    if (!fn || !roleLogicalId) {
      const role = fn ? view.resolve(fn.properties.Role) : undefined;
      return {
        functionLogicalId,
        constructPath,
        services: [],
        awsManagedPolicies: [],
        sharesRoleWith: [],
        unknownReasons: [`its role is not a role of this stack (${role?.unknownReason ?? JSON.stringify(role?.value ?? fn?.properties.Role)})`],
      };
    }
    const policies = PrincipalPolicies.forRole(roleLogicalId, view);
    return {
      functionLogicalId,
      constructPath,
      roleLogicalId,
      services: EffectivePermissions.ofPolicies(policies, view),
      awsManagedPolicies: policies.filter((p) => p.origin === AppliedPolicyOrigin.AWS_MANAGED && p.name).map((p) => p.name!),
      sharesRoleWith: PrincipalPolicies.functionsUsingRole(roleLogicalId, view).filter((id) => id !== functionLogicalId),
      unknownReasons: policies.filter((p) => p.unknownReason).map((p) => p.unknownReason!),
    };
  }

  /** Groups what a set of policies allows by service. */
  public static ofPolicies(policies: AppliedPolicy[], view: StackView): EffectiveServicePermissions[] {
    const byService = new Map<string, Accumulator>();
    const denied = policies.flatMap((p) => p.statements).filter(isUnconditionalDenyOnEverything)
      .flatMap((s) => s.actions).map((a) => a.text).filter((t): t is string => t !== undefined);
    for (const policy of policies) {
      const source = policy.name ?? policy.logicalId ?? policy.location;
      for (const statement of policy.statements) {
        if (statement.effect !== StatementEffect.ALLOW) continue;
        addStatement(statement, source, byService, denied, view);
      }
    }
    return [...byService.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([service, acc]) => ({
      service,
      accessLevels: Object.values(IamAccessLevel).filter((level) => acc.levels.has(level)),
      actions: [...acc.actions].sort(),
      resources: [...acc.resources.keys()].sort(),
      resourceScope: ResourceScopes.broadest([...acc.resources.values()]),
      grantedBy: [...acc.grantedBy].sort(),
    })).filter((s) => s.actions.length > 0);
  }
}

function addStatement(statement: NormalizedStatement, source: string, byService: Map<string, Accumulator>, denied: string[],
  view: StackView): void {
  const resources = statement.notResources.length > 0 ? [{ text: '*', referencedLogicalIds: [] }] : statement.resources;
  if (statement.notActions.length > 0) {
    const acc = accumulator(byService, '*');
    acc.actions.add(`NotAction ${statement.notActions.map(show).join(', ')}`);
    Object.values(IamAccessLevel).forEach((level) => acc.levels.add(level));
    addResources(acc, resources, source);
    return;
  }
  for (const action of statement.actions) {
    if (action.text === undefined) {
      const acc = accumulator(byService, '*');
      acc.actions.add(show(action));
      addResources(acc, resources, source);
      continue;
    }
    const pattern = action.text.trim();
    const service = ActionWildcard.split(pattern).service;
    if (pattern === '*' || ActionWildcard.hasWildcard(service)) {
      const acc = accumulator(byService, '*');
      acc.actions.add(pattern);
      Object.values(IamAccessLevel).forEach((level) => acc.levels.add(level));
      addResources(acc, resources, source);
      continue;
    }
    const applicable = resources.filter((r) => {
      const owner = ResourceScopes.serviceOf(r, view);
      return owner === undefined || owner === service.toLowerCase();
    });
    if (applicable.length === 0) continue;
    const granted = IamActionCatalog.expand(pattern).filter((a) => !denied.some((d) => IamActionCatalog.matches(d, a.action)));
    if (granted.length === 0) continue;
    const acc = accumulator(byService, granted[0].service);
    for (const a of granted) {
      acc.actions.add(a.action);
      acc.levels.add(a.accessLevel);
    }
    addResources(acc, applicable, source);
  }
}

function addResources(acc: Accumulator, resources: PolicyValue[], source: string): void {
  for (const r of resources) acc.resources.set(show(r), ResourceScopes.classify(r));
  acc.grantedBy.add(source);
}

function accumulator(byService: Map<string, Accumulator>, service: string): Accumulator {
  let acc = byService.get(service);
  if (!acc) {
    acc = { actions: new Set(), levels: new Set(), resources: new Map(), grantedBy: new Set() };
    byService.set(service, acc);
  }
  return acc;
}

function isUnconditionalDenyOnEverything(statement: NormalizedStatement): boolean {
  return statement.effect === StatementEffect.DENY && statement.conditions.length === 0 && statement.notResources.length === 0
    && statement.notActions.length === 0 && statement.resources.some((r) => r.text === '*');
}

function show(value: PolicyValue): string {
  return value.text ?? `<unknown: ${value.unknownReason}>`;
}

// Re-exported for the reports, which import them from here.
export type { EffectiveFunctionPermissions, EffectiveServicePermissions };
