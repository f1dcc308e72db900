import { PolicyReader } from './policy-reader';
import { PolicyKind, PolicySource } from './policy-source';
import { NormalizedPolicy, NormalizedStatement, PolicyValue, StatementCondition, StatementEffect } from './policy-statement';
import { AuditedResource } from '../core/audited-resource';
import { StackView } from '../core/stack-view';

/** Resource policies written as a `PolicyDocument` property, with the property naming what they protect. */
const DOCUMENT_RESOURCE_POLICIES: { [type: string]: { document: string; target?: string } } = {
  'AWS::SQS::QueuePolicy': { document: 'PolicyDocument', target: 'Queues' },
  'AWS::SQS::QueueInlinePolicy': { document: 'PolicyDocument', target: 'Queue' },
  'AWS::SNS::TopicPolicy': { document: 'PolicyDocument', target: 'Topics' },
  'AWS::SNS::TopicInlinePolicy': { document: 'PolicyDocument', target: 'TopicArn' },
  'AWS::S3::BucketPolicy': { document: 'PolicyDocument', target: 'Bucket' },
  'AWS::KMS::Key': { document: 'KeyPolicy' },
  'AWS::ApiGateway::RestApi': { document: 'Policy' },
  'AWS::Events::EventBus': { document: 'Policy' },
  'AWS::SecretsManager::ResourcePolicy': { document: 'ResourcePolicy', target: 'SecretId' },
  'AWS::ECR::Repository': { document: 'RepositoryPolicyText' },
  'AWS::Kinesis::ResourcePolicy': { document: 'ResourcePolicy', target: 'ResourceArn' },
  // Account-wide: a Logs resource policy names the log groups it opens in its statements' Resource, not in a property.
  'AWS::Logs::ResourcePolicy': { document: 'PolicyDocument' },
  'AWS::Logs::Destination': { document: 'DestinationPolicy' },
};

/** Identity policies written as a standalone resource, with the properties listing whom they attach to. */
const STANDALONE_IDENTITY_POLICIES: { [type: string]: { name: string; attachments: string[] } } = {
  'AWS::IAM::Policy': { name: 'PolicyName', attachments: ['Roles', 'Users', 'Groups'] },
  'AWS::IAM::ManagedPolicy': { name: 'ManagedPolicyName', attachments: ['Roles', 'Users', 'Groups'] },
  'AWS::IAM::RolePolicy': { name: 'PolicyName', attachments: ['RoleName'] },
  'AWS::IAM::UserPolicy': { name: 'PolicyName', attachments: ['UserName'] },
  'AWS::IAM::GroupPolicy': { name: 'PolicyName', attachments: ['GroupName'] },
};

const PRINCIPALS_WITH_INLINE_POLICIES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);

/**
 * Finds every policy document a CloudFormation resource carries, whatever the resource type: the inline policies and
 * trust policy of a role, standalone identity policies and whom they attach to, and every kind of resource policy
 * (including `AWS::Lambda::Permission` and `AWS::Events::EventBusPolicy`, which are statements spread over properties).
 */
export class PolicySources {
  /** The CloudFormation types that carry policies. */
  public static resourceTypes(): string[] {
    return [...PRINCIPALS_WITH_INLINE_POLICIES, ...Object.keys(STANDALONE_IDENTITY_POLICIES),
      ...Object.keys(DOCUMENT_RESOURCE_POLICIES), 'AWS::Lambda::Permission', 'AWS::Events::EventBusPolicy',
      'AWS::Lambda::LayerVersionPermission', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];
  }

  /**
   * Every policy the resource carries (none for a type that carries no policy). Read once per resource, because the
   * rules and the per-function permissions ask for the same roles and resource policies many times over: every call
   * returns the same frozen list.
   */
  public static of(resource: AuditedResource, view: StackView): PolicySource[] {
    let sources = READ.get(resource);
    if (!sources) {
      sources = Object.freeze(read(resource, view)) as PolicySource[];
      READ.set(resource, sources);
    }
    return sources;
  }
}

/** Policies already read, per resource (a resource belongs to one view, and views are not changed once built). */
const READ = new WeakMap<AuditedResource, PolicySource[]>();

function read(resource: AuditedResource, view: StackView): PolicySource[] {
  const p = resource.properties;
  if (PRINCIPALS_WITH_INLINE_POLICIES.has(resource.resourceType)) {
    const sources: PolicySource[] = [];
    if (resource.resourceType === 'AWS::IAM::Role' && p.AssumeRolePolicyDocument !== undefined) {
      const location = 'Properties/AssumeRolePolicyDocument';
      sources.push(source(resource, PolicyKind.TRUST, location, [resource.logicalId],
        PolicyReader.readDocument(p.AssumeRolePolicyDocument, view, location)));
    }
    const inline = Array.isArray(p.Policies) ? p.Policies : [];
    inline.forEach((policy: any, index: number) => {
      const location = `Properties/Policies/${index}/PolicyDocument`;
      sources.push(source(resource, PolicyKind.IDENTITY, location, [resource.logicalId],
        PolicyReader.readDocument(policy?.PolicyDocument, view, location), literal(policy?.PolicyName)));
    });
    return sources;
  }
  const standalone = STANDALONE_IDENTITY_POLICIES[resource.resourceType];
  if (standalone) {
    const targets = standalone.attachments.flatMap((prop) => PolicyReader.readValues(p[prop], view));
    return [source(resource, PolicyKind.IDENTITY, 'Properties/PolicyDocument',
      [...new Set(targets.flatMap((t) => t.referencedLogicalIds))],
      PolicyReader.readDocument(p.PolicyDocument, view, 'Properties/PolicyDocument'),
      literal(p[standalone.name]),
      targets.filter((t) => t.referencedLogicalIds.length === 0))];
  }
  const documented = DOCUMENT_RESOURCE_POLICIES[resource.resourceType];
  if (documented) {
    const document = resource.property(documented.document);
    if (document === undefined) return [];
    const location = `Properties/${documented.document.split('.').join('/')}`;
    const targets = documented.target ? PolicyReader.readValues(p[documented.target], view).flatMap((t) => t.referencedLogicalIds) : [];
    return [source(resource, PolicyKind.RESOURCE, location, documented.target ? [...new Set(targets)] : [resource.logicalId],
      PolicyReader.readDocument(document, view, location))];
  }
  if (resource.resourceType === 'AWS::DynamoDB::GlobalTable') return globalTablePolicies(resource, view);
  if (resource.resourceType === 'AWS::DynamoDB::Table') return tablePolicies(resource, resource.properties, 'Properties', view);
  switch (resource.resourceType) {
    case 'AWS::Lambda::Permission':
      return [lambdaPermission(resource, view)];
    case 'AWS::Lambda::LayerVersionPermission':
      return [layerPermission(resource, view)];
    case 'AWS::Events::EventBusPolicy':
      return [eventBusPolicy(resource, view)];
    default:
      return [];
  }
}

/** A policy source written out field by field (one shape for all; see `AuditEngine` on why not spread a base). */
function source(resource: AuditedResource, kind: PolicyKind, location: string, appliesTo: string[], policy: NormalizedPolicy,
  policyName?: string, appliesToExternal?: PolicyValue[]): PolicySource {
  return {
    logicalId: resource.logicalId,
    resourceType: resource.resourceType,
    kind,
    location,
    policyName,
    appliesTo,
    appliesToExternal,
    policy,
  };
}

/** A global table carries one resource policy per replica (and per replica stream). */
function globalTablePolicies(resource: AuditedResource, view: StackView): PolicySource[] {
  const replicas = Array.isArray(resource.properties.Replicas) ? resource.properties.Replicas : [];
  return replicas.flatMap((replica: any, index: number) =>
    tablePolicies(resource, replica, `Properties/Replicas/${index}`, view, 'ReplicaStreamSpecification'));
}

/** A table's resource policy and its stream's (`StreamSpecification.ResourcePolicy`). */
function tablePolicies(resource: AuditedResource, holder: any, at: string, view: StackView, stream = 'StreamSpecification'): PolicySource[] {
  const sources: PolicySource[] = [];
  for (const path of ['ResourcePolicy', `${stream}/ResourcePolicy`]) {
    const policyHolder = path.split('/').reduce((v: any, k) => (v === null || typeof v !== 'object' ? undefined : v[k]), holder);
    if (policyHolder?.PolicyDocument === undefined) continue;
    const location = `${at}/${path}/PolicyDocument`;
    const policy = PolicyReader.readDocument(policyHolder.PolicyDocument, view, location);
    sources.push(source(resource, PolicyKind.RESOURCE, location, [resource.logicalId], policy));
  }
  return sources;
}

/** `AWS::Lambda::Permission` is one Allow statement spread over properties; its scoping props become conditions. */
function lambdaPermission(resource: AuditedResource, view: StackView): PolicySource {
  const p = resource.properties;
  const conditions = conditionsFrom(view, [
    ['ArnLike', 'aws:SourceArn', p.SourceArn],
    ['StringEquals', 'aws:SourceAccount', p.SourceAccount],
    ['StringEquals', 'aws:PrincipalOrgID', p.PrincipalOrgID],
    ['StringEquals', 'lambda:FunctionUrlAuthType', p.FunctionUrlAuthType],
    ['Bool', 'lambda:InvokedViaFunctionUrl', p.InvokedViaFunctionUrl],
  ]);
  const functionName = PolicyReader.readValue(p.FunctionName, view);
  return synthetic(resource, view, 'Properties', functionName.referencedLogicalIds, {
    actions: PolicyReader.readValues(p.Action, view), principals: p.Principal, resources: [functionName], conditions,
  });
}

function layerPermission(resource: AuditedResource, view: StackView): PolicySource {
  const p = resource.properties;
  const layer = PolicyReader.readValue(p.LayerVersionArn, view);
  return synthetic(resource, view, 'Properties', layer.referencedLogicalIds, {
    actions: PolicyReader.readValues(p.Action, view),
    principals: p.Principal,
    resources: [layer],
    conditions: conditionsFrom(view, [['StringEquals', 'aws:PrincipalOrgID', p.OrganizationId]]),
  });
}

/** `AWS::Events::EventBusPolicy` holds either a whole `Statement` or the legacy Action/Principal/Condition trio. */
function eventBusPolicy(resource: AuditedResource, view: StackView): PolicySource {
  const p = resource.properties;
  const bus = PolicyReader.readValues(p.EventBusName, view).flatMap((v) => v.referencedLogicalIds);
  if (p.Statement !== undefined) {
    const statement = PolicyReader.readStatement(p.Statement, view, 'Properties/Statement', 0);
    return source(resource, PolicyKind.RESOURCE, 'Properties/Statement', bus, { statements: [withStatementId(statement, p.StatementId)] });
  }
  const legacy = p.Condition ?? {};
  const legacySource = synthetic(resource, view, 'Properties', bus, {
    actions: PolicyReader.readValues(p.Action, view),
    principals: p.Principal,
    resources: [],
    conditions: conditionsFrom(view, [[legacy.Type ?? 'StringEquals', legacy.Key ?? 'aws:PrincipalOrgID', legacy.Value]]),
  });
  return { ...legacySource, policy: { statements: legacySource.policy.statements.map((st) => withStatementId(st, p.StatementId)) } };
}

/** An event bus policy statement is named by its `StatementId` (letters, digits, `-`, `_`, `.`). */
function withStatementId(statement: NormalizedStatement, statementId: any): NormalizedStatement {
  if (typeof statementId !== 'string' || !/^[A-Za-z0-9\-_.]+$/.test(statementId)) return statement;
  return { ...statement, key: statementId, sid: statementId };
}

interface SyntheticParts {
  readonly actions: PolicyValue[];
  readonly principals: any;
  readonly resources: PolicyValue[];
  readonly conditions: StatementCondition[];
}

function synthetic(resource: AuditedResource, view: StackView, location: string, appliesTo: string[],
  parts: SyntheticParts): PolicySource {
  const statement: NormalizedStatement = {
    location,
    key: 'Permission',
    label: resource.resourceType === 'AWS::Events::EventBusPolicy' ? 'the bus policy' : 'the permission',
    effect: StatementEffect.ALLOW,
    actions: parts.actions,
    notActions: [],
    resources: parts.resources,
    notResources: [],
    principals: PolicyReader.readPrincipals(parts.principals, view),
    notPrincipals: [],
    conditions: parts.conditions,
  };
  const policy: NormalizedPolicy = { statements: [statement] };
  return source(resource, PolicyKind.RESOURCE, location, appliesTo, policy);
}

function conditionsFrom(view: StackView, rows: Array<[string, string, any]>): StatementCondition[] {
  return rows.filter(([, , value]) => value !== undefined && value !== null)
    .map(([operator, key, value]) => ({ operator, key, values: PolicyReader.readValues(value, view) }));
}

function literal(value: any): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
