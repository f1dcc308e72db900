import { FUNCTION_TYPE, targetFunction } from './function-links';
import { AuditedResource } from '../../../core/audited-resource';
import { readValue } from '../../../core/private/values';
import { StackView } from '../../../core/stack-view';
import { ViewMemo } from '../../../engine/private/view-memo';

/** What the template says about how a function is invoked asynchronously. */
export interface AsyncInvokers {
  /** Who invokes the function asynchronously (`S3 bucket Uploads (notifications)`, `SNS subscription Sub`). */
  readonly invokers: string[];
  /** Permissions whose principal is unknown at synth time: the service might invoke asynchronously. */
  readonly unknownPermissions: Array<{ logicalId: string; reason: string }>;
}

/**
 * Service principals that invoke Lambda asynchronously when a resource-based permission lets them (the AWS Lambda
 * developer guide, "Invoking Lambda with events from other AWS services"): S3, SNS, EventBridge (rules), CloudWatch
 * Logs (subscriptions), SES (receipt rules), IoT (rules), CodeCommit (triggers), AWS Config (custom rules),
 * CloudWatch (alarm actions), IoT Events. API Gateway, Elastic Load Balancing, Cognito, Lex, Alexa, Secrets Manager,
 * CloudFront and AppSync invoke synchronously, and event source mappings (SQS, Kinesis, DynamoDB, Kafka, MQ) are
 * synchronous pollers whose failures the mapping handles (SLS-LAMBDA-EVENT-SOURCE-FAILURE).
 */
const ASYNC_SERVICES: Array<{ principal: RegExp; label: string }> = [
  { principal: /^s3\./, label: 'S3' },
  { principal: /^sns\./, label: 'SNS' },
  { principal: /^events\./, label: 'EventBridge' },
  { principal: /^logs\./, label: 'CloudWatch Logs' },
  { principal: /^ses\./, label: 'SES' },
  { principal: /^iot\./, label: 'IoT' },
  { principal: /^iotevents\./, label: 'IoT Events' },
  { principal: /^codecommit\./, label: 'CodeCommit' },
  { principal: /^config\./, label: 'AWS Config' },
  { principal: /^lambda\.alarms\.cloudwatch\./, label: 'CloudWatch alarms' },
];

const MEMO = new ViewMemo<Map<string, AsyncInvokers>>();

/**
 * Who invokes a function asynchronously, derived from the stack's template: service permissions of asynchronous
 * services, SNS subscriptions, EventBridge rule and Scheduler targets, S3 notifications, CloudWatch Logs
 * subscription filters, IoT rules, alarm actions, SES receipt rules (unless `RequestResponse`), other functions'
 * destinations, Step Functions tasks with `InvocationType: Event`, EventBridge Pipes with `FIRE_AND_FORGET`, and API
 * Gateway integrations that set `X-Amz-Invocation-Type: 'Event'`. Worked out once per stack.
 */
export function asyncInvokersOf(stack: StackView, fn: AuditedResource): AsyncInvokers {
  const index = MEMO.get(stack, '', () => buildIndex(stack));
  return index.get(fn.logicalId) ?? { invokers: [], unknownPermissions: [] };
}

function buildIndex(stack: StackView): Map<string, AsyncInvokers> {
  const index = new Map<string, { invokers: string[]; permissions: string[]; unknownPermissions: Array<{ logicalId: string; reason: string }> }>();
  const byName = functionsByName(stack);
  const entry = (fn: AuditedResource) => {
    let e = index.get(fn.logicalId);
    if (!e) index.set(fn.logicalId, e = { invokers: [], permissions: [], unknownPermissions: [] });
    return e;
  };
  const add = (target: any, label: string) => {
    const fn = designated(stack, target, byName);
    if (fn && !entry(fn).invokers.includes(label)) entry(fn).invokers.push(label);
  };

  for (const permission of stack.resourcesOfType('AWS::Lambda::Permission')) {
    const fn = designated(stack, permission.properties.FunctionName, byName);
    if (!fn) continue;
    const principal = readValue(stack, permission.properties.Principal);
    if (!principal.known) {
      entry(fn).unknownPermissions.push({ logicalId: permission.logicalId, reason: principal.unknownReason });
      continue;
    }
    const service = ASYNC_SERVICES.find((s) => typeof principal.value === 'string' && s.principal.test(principal.value));
    if (service) entry(fn).permissions.push(`${service.label} (permission ${permission.logicalId})`);
  }
  for (const sub of stack.resourcesOfType('AWS::SNS::Subscription')) {
    if (String(sub.properties.Protocol).toLowerCase() === 'lambda') add(sub.properties.Endpoint, `SNS subscription ${sub.logicalId}`);
  }
  for (const topic of stack.resourcesOfType('AWS::SNS::Topic')) {
    for (const sub of list(topic.properties.Subscription)) {
      if (String(sub?.Protocol).toLowerCase() === 'lambda') add(sub.Endpoint, `SNS topic ${topic.logicalId}`);
    }
  }
  for (const rule of stack.resourcesOfType('AWS::Events::Rule')) {
    for (const target of list(rule.properties.Targets)) add(target?.Arn, `EventBridge rule ${rule.logicalId}`);
  }
  for (const schedule of stack.resourcesOfType('AWS::Scheduler::Schedule')) {
    add(schedule.property('Target.Arn'), `EventBridge Scheduler schedule ${schedule.logicalId}`);
  }
  for (const config of stack.resourcesOfType('AWS::Lambda::EventInvokeConfig')) {
    const source = targetFunction(stack, config.properties.FunctionName);
    const label = `a destination of ${source ? `function ${source.logicalId}` : `invoke config ${config.logicalId}`}`;
    add(config.property('DestinationConfig.OnSuccess.Destination'), label);
    add(config.property('DestinationConfig.OnFailure.Destination'), label);
  }
  for (const bucket of stack.resourcesOfType('AWS::S3::Bucket')) {
    for (const c of list(bucket.property('NotificationConfiguration.LambdaConfigurations'))) add(c?.Function, `S3 bucket ${bucket.logicalId} (notifications)`);
  }
  for (const notifications of stack.resourcesOfType('Custom::S3BucketNotifications')) {
    const bucket = stack.referencedResource(notifications.properties.BucketName)?.logicalId ?? notifications.logicalId;
    for (const c of list(notifications.property('NotificationConfiguration.LambdaFunctionConfigurations'))) {
      add(c?.LambdaFunctionArn, `S3 bucket ${bucket} (notifications)`);
    }
  }
  for (const filter of stack.resourcesOfType('AWS::Logs::SubscriptionFilter')) add(filter.properties.DestinationArn, `log subscription filter ${filter.logicalId}`);
  for (const rule of stack.resourcesOfType('AWS::IoT::TopicRule')) {
    for (const action of list(rule.property('TopicRulePayload.Actions'))) add(action?.Lambda?.FunctionArn, `IoT rule ${rule.logicalId}`);
  }
  for (const alarm of stack.resourcesOfType('AWS::CloudWatch::Alarm')) {
    const actions = [...list(alarm.properties.AlarmActions), ...list(alarm.properties.OKActions), ...list(alarm.properties.InsufficientDataActions)];
    for (const action of actions) add(action, `alarm ${alarm.logicalId}`);
  }
  for (const rule of stack.resourcesOfType('AWS::SES::ReceiptRule')) {
    for (const action of list(rule.property('Rule.Actions'))) {
      if (action?.LambdaAction && action.LambdaAction.InvocationType !== 'RequestResponse') add(action.LambdaAction.FunctionArn, `SES receipt rule ${rule.logicalId}`);
    }
  }
  for (const pipe of stack.resourcesOfType('AWS::Pipes::Pipe')) {
    if (pipe.property('TargetParameters.LambdaFunctionParameters.InvocationType') === 'FIRE_AND_FORGET') add(pipe.properties.Target, `EventBridge pipe ${pipe.logicalId}`);
  }
  for (const method of stack.resourcesOfType('AWS::ApiGateway::Method')) {
    const header = method.property('Integration.RequestParameters')?.['integration.request.header.X-Amz-Invocation-Type'];
    if (typeof header === 'string' && /^'event'$/i.test(header.trim())) add(method.property('Integration.Uri'), `API Gateway method ${method.logicalId} (X-Amz-Invocation-Type Event)`);
  }
  for (const machine of stack.resourcesOfType('AWS::StepFunctions::StateMachine')) {
    for (const target of eventInvokedFunctions(machine, stack)) add(target, `state machine ${machine.logicalId} (InvocationType Event)`);
  }
  // A permission names the service; the resource that uses it (the rule, the bucket) says more: prefer it.
  const result = new Map<string, AsyncInvokers>();
  for (const [id, e] of index) {
    result.set(id, { invokers: e.invokers.length > 0 ? e.invokers : e.permissions, unknownPermissions: e.unknownPermissions });
  }
  return result;
}

/** The function a value designates: by reference (function, alias, version), or by a literal name or ARN. */
function designated(stack: StackView, value: any, byName: Map<string, AuditedResource>): AuditedResource | undefined {
  if (value === undefined || value === null) return undefined;
  const fn = targetFunction(stack, value);
  if (fn) return fn;
  if (typeof value !== 'string' || byName.size === 0) return undefined;
  const name = /:function:([^:/]+)(?::[^:]+)?$/.exec(value)?.[1] ?? value;
  return byName.get(name);
}

function functionsByName(stack: StackView): Map<string, AuditedResource> {
  const byName = new Map<string, AuditedResource>();
  for (const fn of stack.resourcesOfType(FUNCTION_TYPE)) {
    if (typeof fn.properties.FunctionName === 'string') byName.set(fn.properties.FunctionName, fn);
  }
  return byName;
}

function list(value: any): any[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The `FunctionName` values of `lambda:invoke` task states that set `InvocationType: Event`, in the definition as
 * CloudFormation assembles it (`${Fn.Arn}` placeholders for references), nested branches included.
 */
function eventInvokedFunctions(machine: AuditedResource, stack: StackView): any[] {
  const raw = machine.properties.Definition ?? machine.properties.DefinitionString;
  if (raw === undefined) return [];
  const rendered = typeof raw === 'object' && !('Fn::Join' in raw) && !('Fn::Sub' in raw) ? raw : readValue(stack, raw).value;
  let definition: any = rendered;
  if (typeof rendered === 'string') {
    if (!rendered.includes('"Event"')) return [];
    try {
      definition = JSON.parse(rendered);
    } catch {
      return [];
    }
  }
  const found: any[] = [];
  const visit = (node: any): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const args = node.Parameters ?? node.Arguments;
    if (node.Type === 'Task' && typeof node.Resource === 'string' && /:lambda:invoke/.test(node.Resource) && args?.InvocationType === 'Event') {
      found.push(referenceOf(args.FunctionName));
    }
    for (const key of Object.keys(node)) visit(node[key]);
  };
  visit(definition);
  return found;
}

/** `${Fn9270.Arn}` (a rendered reference) back to a `Fn::GetAtt`, so `targetFunction` can follow it. */
function referenceOf(value: any): any {
  if (typeof value !== 'string') return value;
  const m = /\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}/.exec(value);
  if (!m) return value;
  return m[2] ? { 'Fn::GetAtt': [m[1], m[2]] } : { Ref: m[1] };
}
