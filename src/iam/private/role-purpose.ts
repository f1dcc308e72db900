import { AuditedResource } from '../../core/audited-resource';
import { StackView } from '../../core/stack-view';
import { ViewMemo } from '../../engine/private/view-memo';

/**
 * What a role is for, from the resources of the stack that run as it: a function (`Role`), a state machine
 * (`RoleArn`), an API integration (`Credentials`), a rule target (`Targets[].RoleArn`), an instance profile (`Roles`).
 * Each such resource names the AWS service that assumes the role on its behalf.
 */
export interface RolePurpose {
  /** The services that assume the role for the resources using it (`lambda`, `states`), lower case. */
  readonly services: ReadonlySet<string>;
  /** The resources that use the role, by logical id, for messages. */
  readonly users: string[];
  /**
   * Set when a resource uses the role whose service the library does not map (or none does): what the role is for is
   * then not fully known, and no service it trusts is judged unneeded.
   */
  readonly incomplete: boolean;
}

/**
 * The service principals (the part before `.amazonaws.com`) that assume a role used by a resource of each
 * CloudFormation namespace. Lambda@Edge replicas are assumed by `edgelambda` too.
 */
const SERVICES_OF_NAMESPACE: { readonly [namespace: string]: readonly string[] } = {
  Lambda: ['lambda', 'edgelambda'],
  Synthetics: ['lambda'],
  StepFunctions: ['states'],
  ApiGateway: ['apigateway'],
  ApiGatewayV2: ['apigateway'],
  Events: ['events'],
  Scheduler: ['scheduler'],
  Pipes: ['pipes'],
  AppSync: ['appsync'],
  CodeBuild: ['codebuild'],
  CodePipeline: ['codepipeline'],
  ECS: ['ecs-tasks', 'ecs'],
  EC2: ['ec2'],
  Logs: ['logs'],
  KinesisFirehose: ['firehose'],
  Glue: ['glue'],
  Batch: ['batch'],
  SageMaker: ['sagemaker'],
  S3: ['s3', 'batchoperations.s3'],
  SNS: ['sns'],
  IoT: ['iot'],
  Backup: ['backup'],
  DataSync: ['datasync'],
  EKS: ['eks', 'eks-fargate-pods', 'pods.eks'],
  CloudTrail: ['cloudtrail'],
  Cognito: ['cognito-idp'],
  Config: ['config'],
  AppRunner: ['tasks.apprunner', 'build.apprunner'],
};

/** Properties that name the role a resource runs as. */
const ROLE_PROPERTY = /^(?:[A-Za-z]*Role(?:Arn|ARN|Name)?|Roles|Credentials(?:Arn)?|SnsCallerArn)$/;
/** Properties whose contents are data, not configuration of the resource (environment variables, substitutions). */
const DATA_PROPERTIES = new Set(['Environment', 'Variables', 'Tags', 'DefinitionSubstitutions', 'Parameters', 'Input', 'Body', 'Definition']);
/** Types that mention roles without running as them: policies, permissions, role attachments to identities. */
const NOT_USERS = /^AWS::(IAM|Lambda::Permission|Cognito::IdentityPoolRoleAttachment|SQS::QueuePolicy|SNS::TopicPolicy|S3::BucketPolicy|KMS::)/;

const PURPOSES = new ViewMemo<Map<string, RolePurpose>>();

/** What each role of the stack is for (only roles some resource of the stack uses). */
export function rolePurposes(view: StackView): Map<string, RolePurpose> {
  return PURPOSES.get(view, '', () => index(view));
}

function index(view: StackView): Map<string, RolePurpose> {
  const purposes = new Map<string, { services: Set<string>; users: string[]; incomplete: boolean }>();
  for (const role of view.resourcesOfType('AWS::IAM::Role')) {
    for (const user of view.referencingResources(role.logicalId)) {
      if (NOT_USERS.test(user.resourceType) && user.resourceType !== 'AWS::IAM::InstanceProfile') continue;
      if (!runsAs(user.properties, role.logicalId, view)) continue;
      const entry = purposes.get(role.logicalId) ?? { services: new Set<string>(), users: [], incomplete: false };
      const services = user.resourceType === 'AWS::IAM::InstanceProfile' ? ['ec2'] : servicesOf(user);
      if (services === undefined) entry.incomplete = true;
      else services.forEach((s) => entry.services.add(s));
      entry.users.push(user.logicalId);
      purposes.set(role.logicalId, entry);
    }
  }
  return purposes;
}

function servicesOf(resource: AuditedResource): readonly string[] | undefined {
  if (resource.resourceType.startsWith('Custom::') || resource.resourceType === 'AWS::CloudFormation::CustomResource') return undefined;
  return SERVICES_OF_NAMESPACE[resource.resourceType.split('::')[1] ?? ''];
}

/** Whether a role-naming property of the resource refers to the role (depth-first, skipping data properties). */
function runsAs(value: any, roleLogicalId: string, view: StackView): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => runsAs(v, roleLogicalId, view));
  for (const key of Object.keys(value)) {
    if (DATA_PROPERTIES.has(key)) continue;
    const v = value[key];
    if (ROLE_PROPERTY.test(key) && view.resolve(v).referencedLogicalIds.includes(roleLogicalId)) return true;
    if (typeof v === 'object' && runsAs(v, roleLogicalId, view)) return true;
  }
  return false;
}

/** The service a service principal names (`states` for `states.${AWS::Region}.amazonaws.com`), lower case. */
export function serviceOfPrincipal(principal: string): string {
  return principal.toLowerCase()
    .replace(/\.(?:amazonaws\.com(?:\.cn)?|\$\{aws::urlsuffix\})$/, '')
    .replace(/\.(?:[a-z]{2}(?:-gov)?-[a-z]+-\d|\$\{aws::region\})$/, '');
}

/**
 * Services that assume roles to act on behalf of a resource that someone else may configure (a rule, a schedule, a
 * topic, a log subscription), rather than to run the role owner's code: AWS recommends `aws:SourceArn` /
 * `aws:SourceAccount` in their trust policies against the confused deputy.
 */
export const DELEGATE_SERVICES: ReadonlySet<string> = new Set([
  'events', 'scheduler', 'pipes', 'sns', 'logs', 'appsync', 'iot', 'firehose', 's3', 'cloudtrail', 'config', 'backup',
  'cognito-idp', 'datasync', 'dms', 'delivery.logs',
]);
