import { StackView } from '../../core/stack-view';
import { RequiredWildcardActions } from '../../shared/iam-wildcards';
import { IamAccessLevel } from '../access-level';
import { EscalationActions, EscalationTechnique } from '../escalation-actions';
import { IamActionCatalog, IamActionInfo } from '../iam-action-catalog';
import { PermissionFinding, PermissionFindingKind, PermissionFindingKinds } from '../permission-finding';
import { NormalizedStatement, PolicyValue, StatementEffect } from '../policy-statement';
import { ResourceScope, ResourceScopes } from '../resource-scope';
import { ActionWildcard } from './action-pattern';
import { conditionKeyScoping } from './condition-scoped-actions';
import { actsOnResourcesOf } from './cross-service-resources';
import { MAX_FINDING_ACTIONS, summarize, toFindingId } from './finding-ids';
import { narrows } from './narrowing-conditions';

const WRITE_LEVELS = new Set([IamAccessLevel.WRITE, IamAccessLevel.PERMISSIONS_MANAGEMENT, IamAccessLevel.TAGGING]);
/** Techniques that turn a grant on the principal's own role into unlimited privileges. */
const SELF_MODIFYING = new Set([EscalationTechnique.MODIFY_POLICY]);

/**
 * Judges the `Allow` statements of identity policies (what a role, user or group may do) by what their actions
 * expand to and the scope of the resources they apply to. `selfLogicalIds` are the principals the policies belong to:
 * policy management on one of them is an escalation even on a named resource.
 */
export function analyzeIdentityStatement(statement: NormalizedStatement, view: StackView,
  selfLogicalIds: string[]): PermissionFinding[] {
  if (statement.effect === StatementEffect.DENY) return [];
  const where = statement.location;
  if (statement.effect === StatementEffect.UNKNOWN || statement.unknownReason) {
    return [undecidable(statement.key, PermissionFindingKinds.identity(), where, `Statement ${statement.key} cannot be judged: `
      + `${statement.unknownReason ?? 'its Effect is not a literal Allow or Deny'}.`)];
  }
  const findings: PermissionFinding[] = [];
  if (statement.notActions.length > 0) {
    findings.push({
      kind: PermissionFindingKind.ALLOW_NOT_ACTION,
      findingId: 'NotAction',
      location: where,
      actions: [],
      resources: texts(statement.resources),
      detail: `Statement ${statement.key} allows every action except ${summarize(texts(statement.notActions))}, `
        + 'including every action AWS adds later. List the actions needed under Action instead.',
    });
  }
  if (statement.notResources.length > 0) {
    findings.push({
      kind: PermissionFindingKind.ALLOW_NOT_RESOURCE,
      findingId: 'NotResource',
      location: where,
      actions: texts(statement.actions),
      resources: [],
      resourceScope: ResourceScope.ALL,
      detail: `Statement ${statement.key} allows ${summarize(texts(statement.actions))} on every resource except `
        + `${summarize(texts(statement.notResources))}. List the resources needed under Resource instead.`,
    });
  }
  for (const action of statement.actions) findings.push(...judgeAction(action, statement, view, selfLogicalIds));
  return findings;
}

function judgeAction(action: PolicyValue, statement: NormalizedStatement, view: StackView,
  selfLogicalIds: string[]): PermissionFinding[] {
  const where = statement.location;
  if (action.text === undefined) {
    return [undecidable(`${statement.key}.Action`, PermissionFindingKinds.identity(), where,
      `Statement ${statement.key} has an action that is not known at synth time (${action.unknownReason}).`)];
  }
  const pattern = action.text.trim();
  const id = toFindingId(pattern);
  const { service, name } = ActionWildcard.split(pattern);
  const resources = applicableResources(statement, service, view);
  if (resources.length === 0) return [];
  const scope = statement.notResources.length > 0 ? ResourceScope.ALL
    : ResourceScopes.broadest(resources.map((r) => ResourceScopes.classify(r)));
  const rendered = statement.notResources.length > 0 ? ['*'] : texts(resources);

  if (/^\*+$/.test(name)) return [judgeWholeService(pattern, id, service, scope, rendered, statement)];

  const expanded = IamActionCatalog.expand(pattern);
  if (expanded.length === 0) {
    return ResourceScopes.isBroad(scope) && !ActionWildcard.hasWildcard(pattern)
      ? [undecidable(id, [PermissionFindingKind.WRITE_ON_ALL_RESOURCES, PermissionFindingKind.PRIVILEGE_ESCALATION], where,
        `Statement ${statement.key} grants ${pattern} on ${summarize(rendered)}, an action the IAM `
        + `catalogue (version ${IamActionCatalog.catalogVersion()}) does not know: check its spelling.`)]
      : [];
  }
  const findings: PermissionFinding[] = [];
  const base = { location: where, resources: rendered, resourceScope: scope };

  const escalations = EscalationActions.all().filter((e) => expanded.some((a) => a.action.toLowerCase() === e.action.toLowerCase()));
  const selfTargeted = resources.some((r) => r.referencedLogicalIds.some((lid) => selfLogicalIds.includes(lid)));
  /** Each concrete action is reported once, by its most specific finding: escalation before write-on-all. */
  const reported = new Set<string>();
  for (const escalation of escalations) {
    reported.add(escalation.action.toLowerCase());
    if (ResourceScopes.isBroad(scope) || (selfTargeted && SELF_MODIFYING.has(escalation.technique))) {
      const target = ResourceScopes.isBroad(scope) ? `${scopeWords(scope)} (${summarize(rendered, 3)})` : 'its own role';
      findings.push({
        ...base,
        kind: PermissionFindingKind.PRIVILEGE_ESCALATION,
        findingId: toFindingId(escalation.action),
        actions: [escalation.action],
        detail: `Statement ${statement.key} grants ${escalation.action}${pattern === escalation.action ? '' : ` (through ${pattern})`} on `
          + `${target}: it ${escalation.reason}. Scope it to the named resources the function needs.`,
      });
    } else if (scope === ResourceScope.UNKNOWN) {
      findings.push(undecidable(escalation.action, [PermissionFindingKind.PRIVILEGE_ESCALATION], where, `Statement ${statement.key} grants ${escalation.action} on a `
        + `resource not known at synth time (${unknownReasons(resources)}); it ${escalation.reason}.`));
    }
  }

  if ((scope === ResourceScope.ALL || scope === ResourceScope.SERVICE_WIDE) && !scopedByCondition(statement, service)) {
    const scopable = expanded.filter((a) => a.supportsResourceLevelPermissions && !RequiredWildcardActions.isRequired(a.action)
      && !reported.has(a.action.toLowerCase()));
    const allWrites = scopable.filter((a) => WRITE_LEVELS.has(a.accessLevel));
    const writes = allWrites.filter((a) => conditionKeyScoping(a.action) === undefined);
    const conditionScopable = allWrites.filter((a) => conditionKeyScoping(a.action) !== undefined);
    const reads = scopable.filter((a) => a.accessLevel === IamAccessLevel.READ);
    if (writes.length > 0) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.WRITE_ON_ALL_RESOURCES,
        findingId: id,
        actions: actionNames(writes),
        detail: `Statement ${statement.key} grants ${describe(pattern, writes)} on ${scopeWords(scope)}, though `
          + `${writes.length === 1 ? 'it supports' : 'they support'} resource-level permissions. Name the resources instead.`,
      });
    }
    if (conditionScopable.length > 0) {
      const keys = [...new Set(conditionScopable.map((a) => conditionKeyScoping(a.action)))].join(', ');
      findings.push({
        ...base,
        kind: PermissionFindingKind.WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE,
        findingId: id,
        actions: actionNames(conditionScopable),
        detail: `Statement ${statement.key} grants ${describe(pattern, conditionScopable)} on ${scopeWords(scope)} with no `
          + `${keys} condition, so it reaches everything the service holds. Add a ${keys} condition that names what the `
          + 'function writes (iam.PolicyStatement conditions: { StringEquals: { ... } }).',
      });
    }
    if (reads.length > 0) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.READ_ON_ALL_RESOURCES,
        findingId: id,
        actions: actionNames(reads),
        detail: `Statement ${statement.key} grants ${describe(pattern, reads)} on ${scopeWords(scope)}. Name the resources instead.`,
      });
    }
  } else if (scope === ResourceScope.UNKNOWN && expanded.some((a) => WRITE_LEVELS.has(a.accessLevel)) && escalations.length === 0) {
    findings.push(undecidable(id, [PermissionFindingKind.WRITE_ON_ALL_RESOURCES], where, `Statement ${statement.key} grants ${pattern} on a resource not known at synth time `
      + `(${unknownReasons(resources)}), so whether it is scoped cannot be decided.`));
  }
  return findings;
}

/** `*` and `service:*`: admin unless every resource is named. */
function judgeWholeService(pattern: string, id: string, service: string, scope: ResourceScope, rendered: string[],
  statement: NormalizedStatement): PermissionFinding {
  const everything = pattern === '*' || /^\*+$/.test(service);
  const base = { findingId: id, location: statement.location, resources: rendered, resourceScope: scope, actions: [pattern] };
  const what = everything ? 'every action of every service' : `every ${service} action`;
  if (scope === ResourceScope.UNKNOWN) {
    return {
      ...base,
      kind: PermissionFindingKind.UNDECIDABLE,
      undecidedKinds: [everything ? PermissionFindingKind.FULL_ADMIN : PermissionFindingKind.SERVICE_ADMIN, PermissionFindingKind.SERVICE_WILDCARD],
      detail: `Statement ${statement.key} grants ${pattern} (${what}) on a resource not known at synth time.`,
    };
  }
  if (scope === ResourceScope.SPECIFIC) {
    return {
      ...base,
      kind: PermissionFindingKind.SERVICE_WILDCARD,
      detail: `Statement ${statement.key} grants ${pattern} (${what}, deletion and permissions management included) on `
        + `${summarize(rendered, 3)}. Grant only the actions the function uses.`,
    };
  }
  return {
    ...base,
    kind: everything ? PermissionFindingKind.FULL_ADMIN : PermissionFindingKind.SERVICE_ADMIN,
    detail: `Statement ${statement.key} grants ${pattern} (${what}) on ${scopeWords(scope)}: `
      + `${everything ? 'administrator access' : `administrator of ${service}`}. Grant only the actions and resources the function uses.`,
  };
}

/**
 * The statement's resources that an action of `service` can apply to: an S3 action ignores a DynamoDB table ARN in
 * the same statement, while an `sts` action applies to IAM role ARNs (see `actsOnResourcesOf`). `*`, unknown values and ARNs of unknown service apply to every action.
 */
function applicableResources(statement: NormalizedStatement, service: string, view: StackView): PolicyValue[] {
  if (statement.notResources.length > 0) return [{ text: '*', referencedLogicalIds: [] }];
  if (ActionWildcard.hasWildcard(service)) return statement.resources;
  return statement.resources.filter((r) => {
    const owner = ResourceScopes.serviceOf(r, view);
    return owner === undefined || actsOnResourcesOf(service, owner);
  });
}

/**
 * A condition on a key of the action's own service (`cloudwatch:namespace`, `s3:prefix`) or on the resource's tags or
 * account limits what `Resource: *` reaches, the way AWS documents for actions that cannot name resources, when it
 * must be present and match (see `narrows`: not `...IfExists`, `Null`, a negation or `*`).
 */
function scopedByCondition(statement: NormalizedStatement, service: string): boolean {
  const prefix = `${service.toLowerCase()}:`;
  return statement.conditions.some((c) => {
    const key = c.key.toLowerCase();
    const scopingKey = key.startsWith(prefix) || key.startsWith('aws:resourcetag/') || key === 'aws:resourceaccount' || key === 'aws:resourceorgid';
    return scopingKey && narrows(c.operator, c.values.map((v) => v.text));
  });
}

function undecidable(findingId: string, undecidedKinds: PermissionFindingKind[], location: string, detail: string): PermissionFinding {
  return {
    kind: PermissionFindingKind.UNDECIDABLE,
    undecidedKinds,
    findingId: toFindingId(findingId),
    location,
    detail,
    actions: [],
    resources: [],
    resourceScope: ResourceScope.UNKNOWN,
  };
}

function describe(pattern: string, actions: IamActionInfo[]): string {
  const levels = [...new Set(actions.map((a) => a.accessLevel))].join('/');
  if (actions.length === 1 && actions[0].action.toLowerCase() === pattern.toLowerCase()) return `${pattern} (${levels})`;
  return `${pattern}, which expands to ${actions.length} ${levels} action${actions.length === 1 ? '' : 's'} `
    + `(${summarize(actionNames(actions), 4)}),`;
}

function scopeWords(scope: ResourceScope): string {
  switch (scope) {
    case ResourceScope.ALL: return 'every resource (Resource "*")';
    case ResourceScope.SERVICE_WIDE: return 'every resource of the service';
    case ResourceScope.BROAD: return 'a wildcard resource';
    default: return 'its resources';
  }
}

function actionNames(actions: IamActionInfo[]): string[] {
  return actions.slice(0, MAX_FINDING_ACTIONS).map((a) => a.action);
}

function texts(values: PolicyValue[]): string[] {
  return values.map((v) => v.text ?? `<${v.unknownReason}>`);
}

function unknownReasons(values: PolicyValue[]): string {
  return values.filter((v) => v.unknownReason).map((v) => v.unknownReason).join(', ');
}
