import { FindingIds } from '../../core/finding-ids';
import { StackView } from '../../core/stack-view';
import { RequiredWildcardActions } from '../../shared/iam-wildcards';
import { IamAccessLevel } from '../access-level';
import { EscalationAction, EscalationActions, EscalationTechnique } from '../escalation-actions';
import { IamActionCatalog, IamActionInfo } from '../iam-action-catalog';
import { PermissionFinding, PermissionFindingKind, PermissionFindingKinds } from '../permission-finding';
import { NormalizedStatement, PolicyValue, StatementEffect } from '../policy-statement';
import { ResourceScope, ResourceScopes } from '../resource-scope';
import { ActionWildcard } from './action-pattern';
import { conditionKeyScoping } from './condition-scoped-actions';
import { actsOnResourcesOf } from './cross-service-resources';
import { MAX_FINDING_ACTIONS, statementName, statementSubject, summarize, texts } from './finding-text';
import { conditionMeaning, ConditionMeaning, Narrowing } from './narrowing-conditions';

const WRITE_LEVELS = new Set([IamAccessLevel.WRITE, IamAccessLevel.PERMISSIONS_MANAGEMENT, IamAccessLevel.TAGGING]);
/**
 * Techniques that escalate on any IAM principal, however narrowly named: rewriting a role's policies (its own or
 * another one's) grants that role anything, so `iam:*` or `iam:PutRolePolicy` on one role is escalation too.
 */
const ESCALATES_ON_ANY_RESOURCE = new Set([EscalationTechnique.MODIFY_POLICY]);
/**
 * Reads that disclose secrets (Secrets Manager values, SecureString parameters, anything a key decrypts): on every
 * resource they hand the principal every secret of the account, an exposure rather than a least-privilege lapse.
 */
const SECRET_READS = new Set(['secretsmanager:getsecretvalue', 'secretsmanager:batchgetsecretvalue', 'ssm:getparameter',
  'ssm:getparameters', 'ssm:getparametersbypath', 'ssm:getparameterhistory', 'kms:decrypt']);

/**
 * Judges the `Allow` statements of identity policies (what a role, user or group may do) by what their actions
 * expand to and the scope of the resources they apply to.
 */
export function analyzeIdentityStatement(statement: NormalizedStatement, view: StackView): PermissionFinding[] {
  if (statement.effect === StatementEffect.DENY) return [];
  const where = statement.location;
  if (statement.effect === StatementEffect.UNKNOWN || statement.unknownReason) {
    return [undecidable(statement.key, PermissionFindingKinds.identity(), where, `What ${statementName(statement)} grants cannot be judged.`,
      statement.unknownReason ?? 'its Effect, which is not a literal Allow or Deny')];
  }
  const findings: PermissionFinding[] = [];
  if (statement.notActions.length > 0) {
    findings.push({
      kind: PermissionFindingKind.ALLOW_NOT_ACTION,
      findingId: 'NotAction',
      location: where,
      actions: [],
      resources: texts(statement.resources),
      detail: `${statementSubject(statement)} allows every action except ${summarize(texts(statement.notActions))} (Allow with `
        + 'NotAction), including every action AWS adds later. List the actions needed under Action instead.',
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
      detail: `${statementSubject(statement)} allows ${summarize(texts(statement.actions))} on every resource except `
        + `${summarize(texts(statement.notResources))} (Allow with NotResource). List the resources needed under Resource instead.`,
    });
  }
  for (const action of statement.actions) findings.push(...judgeAction(action, statement, view));
  return findings;
}

function judgeAction(action: PolicyValue, statement: NormalizedStatement, view: StackView): PermissionFinding[] {
  const where = statement.location;
  if (action.text === undefined) {
    return [undecidable(`${statement.key}.Action`, PermissionFindingKinds.identity(), where,
      `What ${statementName(statement)} grants is not known: one of its actions is not.`, action.unknownReason ?? 'an action')];
  }
  const pattern = action.text.trim();
  const id = FindingIds.sanitize(pattern);
  const { service, name } = ActionWildcard.split(pattern);
  const resources = applicableResources(statement, service, view);
  if (resources.length === 0) return [];
  const scope = statement.notResources.length > 0 ? ResourceScope.ALL
    : ResourceScopes.broadest(resources.map((r) => ResourceScopes.classify(r)));
  const rendered = statement.notResources.length > 0 ? ['*'] : texts(resources);

  const name0 = statementName(statement);
  if (/^\*+$/.test(name)) {
    const whole = [judgeWholeService(pattern, id, service, scope, rendered, statement)];
    if (ActionWildcard.hasWildcard(service)) return whole;
    return [...whole, ...selfEscalations(pattern, IamActionCatalog.expand(pattern), resources, scope, rendered, statement)];
  }

  const expanded = IamActionCatalog.expand(pattern);
  if (expanded.length === 0) {
    return ResourceScopes.isBroad(scope) && !ActionWildcard.hasWildcard(pattern)
      ? [undecidable(id, [PermissionFindingKind.WRITE_ON_ALL_RESOURCES, PermissionFindingKind.PRIVILEGE_ESCALATION], where,
        `${statementSubject(statement)} grants ${pattern} on ${summarize(rendered)}, an action the IAM `
        + `catalogue (version ${IamActionCatalog.catalogVersion()}) does not know: check its spelling.`,
        `what ${pattern} allows, which the library's IAM action table does not hold`)]
      : [];
  }
  const findings: PermissionFinding[] = [];
  const base = { location: where, resources: rendered, resourceScope: scope };

  const escalations = EscalationActions.all().filter((e) => expanded.some((a) => a.action.toLowerCase() === e.action.toLowerCase()));
  /** Each concrete action is reported once, by its most specific finding: escalation before write-on-all. */
  const reported = new Set<string>(escalations.map((e) => e.action.toLowerCase()));
  findings.push(...escalationFindings(pattern, escalations, resources, scope, rendered, statement));
  if (scope === ResourceScope.SPECIFIC && ActionWildcard.hasWildcard(name)) {
    // The known escalation paths (s3:PutBucketPolicy) first, so the detail names what matters.
    const managing = expanded.filter((a) => a.accessLevel === IamAccessLevel.PERMISSIONS_MANAGEMENT)
      .sort((x, y) => Number(EscalationActions.find(y.action) !== undefined) - Number(EscalationActions.find(x.action) !== undefined));
    if (managing.length > 0) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.SERVICE_WILDCARD,
        findingId: id,
        actions: actionNames(managing),
        detail: `${statementSubject(statement)} grants ${pattern}, which includes permissions management (${summarize(actionNames(managing), 3)}), `
          + `on ${summarize(rendered, 3)}: it can rewrite who may use ${rendered.length === 1 ? 'that resource' : 'those resources'}. `
          + 'List the actions the function uses instead.',
      });
    }
  }

  const conditionScope = scopedByCondition(statement, service);
  if ((scope === ResourceScope.ALL || scope === ResourceScope.SERVICE_WIDE) && conditionScope.narrowing === Narrowing.UNKNOWN) {
    findings.push(undecidable(id, [PermissionFindingKind.WRITE_ON_ALL_RESOURCES, PermissionFindingKind.READ_ON_ALL_RESOURCES], where,
      `Whether the condition of ${name0} limits ${pattern} on ${scopeWords(scope)} is not known.`, conditionScope.unknownReason!));
  } else if ((scope === ResourceScope.ALL || scope === ResourceScope.SERVICE_WIDE) && conditionScope.narrowing === Narrowing.OPEN) {
    const scopable = expanded.filter((a) => a.supportsResourceLevelPermissions && !RequiredWildcardActions.isRequired(a.action)
      && !reported.has(a.action.toLowerCase()));
    const allWrites = scopable.filter((a) => WRITE_LEVELS.has(a.accessLevel));
    const writes = allWrites.filter((a) => conditionKeyScoping(a.action) === undefined);
    const conditionScopable = allWrites.filter((a) => conditionKeyScoping(a.action) !== undefined);
    const allReads = scopable.filter((a) => a.accessLevel === IamAccessLevel.READ);
    const secretReads = allReads.filter((a) => SECRET_READS.has(a.action.toLowerCase()));
    const reads = allReads.filter((a) => !SECRET_READS.has(a.action.toLowerCase()));
    if (writes.length > 0) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.WRITE_ON_ALL_RESOURCES,
        findingId: id,
        actions: actionNames(writes),
        detail: `${statementSubject(statement)} grants ${describe(pattern, writes)} on ${scopeWords(scope)}, though `
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
        detail: `${statementSubject(statement)} grants ${describe(pattern, conditionScopable)} on ${scopeWords(scope)} with no `
          + `${keys} condition, so it reaches everything the service holds. Add a ${keys} condition that names what the `
          + 'function writes (iam.PolicyStatement conditions: { StringEquals: { ... } }).',
      });
    }
    if (secretReads.length > 0) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.READ_SECRETS_ON_ALL_RESOURCES,
        findingId: id,
        actions: actionNames(secretReads),
        detail: `${statementSubject(statement)} lets the principal read every secret: it grants ${describe(pattern, secretReads)} on `
          + `${scopeWords(scope)}. Name the secrets, parameters or keys it reads (secret.grantRead(fn)).`,
      });
    }
    if (reads.length > 0) {
      findings.push({
        ...base,
        kind: PermissionFindingKind.READ_ON_ALL_RESOURCES,
        findingId: id,
        actions: actionNames(reads),
        detail: `${statementSubject(statement)} grants ${describe(pattern, reads)} on ${scopeWords(scope)}. Name the resources instead.`,
      });
    }
  } else if (scope === ResourceScope.UNKNOWN && expanded.some((a) => WRITE_LEVELS.has(a.accessLevel)) && escalations.length === 0) {
    findings.push(undecidable(id, [PermissionFindingKind.WRITE_ON_ALL_RESOURCES], where, `Whether ${name0} scopes ${pattern} to named `
      + 'resources is not known.', unknownReasons(resources)));
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
      detail: `Whether ${statementName(statement)}, which grants ${pattern} (${what}), is limited to named resources is not known.`,
      unknownReason: unknownReasons(statement.resources) || 'a resource unknown at synth time',
    };
  }
  if (scope === ResourceScope.SPECIFIC) {
    return {
      ...base,
      kind: PermissionFindingKind.SERVICE_WILDCARD,
      detail: `${statementSubject(statement)} grants ${pattern} (${what}, deletion and permissions management included) on `
        + `${summarize(rendered, 3)}: it can delete ${rendered.length === 1 ? 'it' : 'them'} and rewrite who may use `
        + `${rendered.length === 1 ? 'it' : 'them'}. Grant only the actions the function uses.`,
    };
  }
  return {
    ...base,
    kind: everything ? PermissionFindingKind.FULL_ADMIN : PermissionFindingKind.SERVICE_ADMIN,
    detail: `${statementSubject(statement)} grants ${pattern} (${what}) on ${scopeWords(scope)}: `
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
 * must be present and its value names something (see `conditionMeaning`: not `...IfExists`, `Null`, a negation or `*`).
 */
function scopedByCondition(statement: NormalizedStatement, service: string): ConditionMeaning {
  const prefix = `${service.toLowerCase()}:`;
  const unknown: string[] = [];
  for (const c of statement.conditions) {
    const key = c.key.toLowerCase();
    if (!(key.startsWith(prefix) || key.startsWith('aws:resourcetag/') || key === 'aws:resourceaccount' || key === 'aws:resourceorgid')) continue;
    const meaning = conditionMeaning(c);
    if (meaning.narrowing === Narrowing.NARROWS) return meaning;
    if (meaning.narrowing === Narrowing.UNKNOWN) unknown.push(`${c.key} (${meaning.unknownReason})`);
  }
  return unknown.length > 0 ? { narrowing: Narrowing.UNKNOWN, unknownReason: unknown.join(', ') } : { narrowing: Narrowing.OPEN };
}

/**
 * The escalation actions a pattern grants, judged by scope: on broad resources every one is an escalation; on named
 * resources those that rewrite an IAM principal's policies are too (`iam:*` or `iam:PutRolePolicy` on one role, the
 * function's own included); on resources unknown at synth time, undecidable.
 */
function escalationFindings(pattern: string, escalations: EscalationAction[], resources: PolicyValue[], scope: ResourceScope,
  rendered: string[], statement: NormalizedStatement): PermissionFinding[] {
  const findings: PermissionFinding[] = [];
  const name = statementName(statement);
  const broad = ResourceScopes.isBroad(scope);
  for (const escalation of escalations) {
    const through = pattern.toLowerCase() === escalation.action.toLowerCase() ? '' : ` (through ${pattern})`;
    if (broad || ESCALATES_ON_ANY_RESOURCE.has(escalation.technique)) {
      const target = !broad ? summarize(rendered, 3) : scope === ResourceScope.ALL ? scopeWords(scope) : `${scopeWords(scope)} (${summarize(rendered, 3)})`;
      findings.push({
        location: statement.location,
        resources: rendered,
        resourceScope: scope,
        kind: PermissionFindingKind.PRIVILEGE_ESCALATION,
        findingId: FindingIds.sanitize(escalation.action),
        actions: [escalation.action],
        detail: `${statementSubject(statement)} lets the principal escalate its privileges: it grants ${escalation.action}${through} on `
          + `${target}, which ${escalation.reason}.${escalationAdvice(escalation, statement, broad)}`,
      });
    } else if (scope === ResourceScope.UNKNOWN) {
      findings.push(undecidable(escalation.action, [PermissionFindingKind.PRIVILEGE_ESCALATION], statement.location,
        `Whether ${name} limits ${escalation.action}${through}, which ${escalation.reason}, to named resources is not known.`,
        unknownReasons(resources)));
    }
  }
  return findings;
}

/** `service:*` on named resources: the escalation actions it holds (`iam:*` on a role rewrites that role's policies). */
function selfEscalations(pattern: string, expanded: IamActionInfo[], resources: PolicyValue[], scope: ResourceScope, rendered: string[],
  statement: NormalizedStatement): PermissionFinding[] {
  if (scope !== ResourceScope.SPECIFIC) return [];
  const escalations = EscalationActions.all().filter((e) => ESCALATES_ON_ANY_RESOURCE.has(e.technique)
    && expanded.some((a) => a.action.toLowerCase() === e.action.toLowerCase()));
  return escalationFindings(pattern, escalations, resources, scope, rendered, statement);
}

/** What to do about an escalation, given what the statement already has. */
function escalationAdvice(escalation: EscalationAction, statement: NormalizedStatement, broad: boolean): string {
  if (!broad) return ' Grant the IAM changes to a deployment role, not to a runtime principal.';
  if (escalation.action === 'iam:PassRole') {
    const passedTo = statement.conditions.some((c) => c.key.toLowerCase() === 'iam:passedtoservice');
    return passedTo
      ? ' Its iam:PassedToService condition limits the services, not the roles: name the roles it may pass (role.grantPassRole(principal)).'
      : ' Name the roles it may pass (role.grantPassRole(principal)) and add an iam:PassedToService condition.';
  }
  return ' Scope it to the named resources the function needs.';
}

function undecidable(findingId: string, undecidedKinds: PermissionFindingKind[], location: string, detail: string,
  unknownReason: string): PermissionFinding {
  return {
    kind: PermissionFindingKind.UNDECIDABLE,
    undecidedKinds,
    findingId: FindingIds.sanitize(findingId),
    location,
    detail,
    unknownReason,
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


function unknownReasons(values: PolicyValue[]): string {
  return values.filter((v) => v.unknownReason).map((v) => v.unknownReason).join(', ');
}
