import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ConstructIndex } from './construct-index';
import { StackView } from '../core/stack-view';

/**
 * A documented built-in decision about resources that aws-cdk-lib itself generates: how they are recognised (by
 * what created them, never by logical-id or path patterns) and which rules do not apply to them, because the user
 * cannot change what those rules judge. Users never have to acknowledge framework internals.
 */
export interface FrameworkDecision {
  /** Short name of the kind of framework resource. */
  readonly name: string;
  /** Where such resources come from, for the documentation. */
  readonly examples: string;
  /**
   * Construct metadata types that aws-cdk-lib puts on the construct owning a handler; every resource in that
   * construct's subtree (the function, its role, policy and log group) is covered.
   */
  readonly metadataMarkers: string[];
  /** jsii class names (fqn) of aws-cdk-lib constructs whose whole subtree is framework-generated. */
  readonly constructClasses: string[];
  /**
   * jsii class names (fqn) of aws-cdk-lib constructs that create a custom resource whose handler the framework
   * always supplies: the function named by that custom resource's `ServiceToken`, and the rest of the subtree of
   * the construct owning that function, are covered.
   */
  readonly customResourceOwners: string[];
  /** Rules that do not apply to the covered resources. */
  readonly exemptRuleIds: string[];
  /** Why the user cannot fix what these rules judge. */
  readonly reason: string;
}

/** Rules about a function's code and runtime settings, which aws-cdk-lib fixes for its own handlers. */
const HANDLER_FUNCTION_RULES = [
  'SLS-LAMBDA-RUNTIME', 'SLS-LAMBDA-CODE-SIGNING', 'SLS-LAMBDA-LAYER-ORIGIN', 'SLS-LAMBDA-RECURSIVE-LOOP',
  'SLS-LAMBDA-TRACING', 'SLS-LAMBDA-LOG-FORMAT', 'SLS-LAMBDA-ALARMS', 'SLS-LAMBDA-ASYNC-FAILURE',
  'SLS-LAMBDA-CONCURRENCY',
];
/** Rules that a handler's props could satisfy, but which aws-cdk-lib does not expose for these handlers. */
const HANDLER_UNCONFIGURABLE_RULES = ['SLS-LAMBDA-ENV-ENCRYPTION', 'SLS-LAMBDA-LOG-GROUP'];
/** Rules about the handler's execution role and policies, which aws-cdk-lib writes. */
const HANDLER_ROLE_RULES = [
  'SLS-IAM-WILDCARD-RESOURCE', 'SLS-IAM-WILDCARD-ACTION', 'SLS-IAM-MANAGED-POLICY', 'SLS-IAM-ROLE-SHARED',
];
/** Rules about the Provider's waiter state machine that its props do not reach (its logging is a Provider prop). */
const WAITER_STATE_MACHINE_RULES = ['SLS-SFN-TRACING'];
/** Rules about log groups aws-cdk-lib creates for its handlers. */
const HANDLER_LOG_GROUP_RULES = ['SLS-LOGS-RETENTION', 'SLS-LOGS-ENCRYPTION'];

const CUSTOM_RESOURCE_TYPES = /^(Custom::|AWS::CloudFormation::CustomResource$)/;
const JSII_RTTI = Symbol.for('jsii.rtti');

/**
 * The framework resources of one stack and the decision covering each. The table of decisions is
 * `FrameworkResources.DECISIONS`; `docs/RULES.md` renders it.
 */
export class FrameworkResources {
  /** The built-in decisions, one row per kind of framework resource. */
  public static readonly DECISIONS: FrameworkDecision[] = [
    {
      name: 'Singleton custom-resource handlers',
      examples: '`BucketDeployment`, `AwsCustomResource` and every other aws-cdk-lib handler built on `SingletonFunction`, '
        + 'with their execution role, policy and log group',
      metadataMarkers: [
        'aws:cdk:is-custom-resource-handler-singleton',
        'aws:cdk:is-custom-resource-handler-runtime-family',
        'aws:cdk:is-custom-resource-handler-logGroup',
        'aws:cdk:is-custom-resource-handler-logRetention',
      ],
      constructClasses: [],
      customResourceOwners: ['aws-cdk-lib.aws_s3_deployment.BucketDeployment', 'aws-cdk-lib.custom_resources.AwsCustomResource'],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_UNCONFIGURABLE_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES],
      reason: 'aws-cdk-lib ships the handler code, runtime, role and policies; only the runtime can be changed '
        + '(`CustomResourceConfig`), and upgrading aws-cdk-lib moves it along.',
    },
    {
      name: 'Core custom-resource providers',
      examples: '`CustomResourceProvider` handlers such as S3 `autoDeleteObjects`, ECR `emptyOnDelete` and '
        + 'cross-region references',
      metadataMarkers: ['aws:cdk:is-custom-resource-handler-customResourceProvider'],
      constructClasses: ['aws-cdk-lib.CustomResourceProviderBase', 'aws-cdk-lib.CustomResourceProvider'],
      customResourceOwners: [],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_UNCONFIGURABLE_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES],
      reason: '`CustomResourceProvider` is a raw CloudFormation function with a fixed role; it exposes no tracing, '
        + 'logging, encryption or concurrency settings.',
    },
    {
      name: 'Custom-resource provider framework',
      examples: 'the `framework-onEvent`, `framework-isComplete` and `framework-onTimeout` functions and the waiter '
        + 'state machine of `custom_resources.Provider` (the user\'s own handlers stay audited)',
      metadataMarkers: [],
      constructClasses: ['aws-cdk-lib.custom_resources.Provider'],
      customResourceOwners: [],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES, ...WAITER_STATE_MACHINE_RULES],
      reason: 'aws-cdk-lib ships the framework functions and waiter; their environment key '
        + '(`providerFunctionEnvEncryption`), log group (`logGroup`) and waiter logging '
        + '(`disableWaiterStateMachineLogging`, `waiterStateMachineLogOptions`) are Provider props, so those rules still apply.',
    },
    {
      name: 'Log-retention singleton',
      examples: 'the function behind `Custom::LogRetention` (the `logRetention` prop of functions and other '
        + 'constructs), with its role and policy',
      metadataMarkers: [],
      constructClasses: [],
      customResourceOwners: ['aws-cdk-lib.aws_logs.LogRetention'],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_UNCONFIGURABLE_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES],
      reason: 'aws-cdk-lib ships the handler and its `logs:PutRetentionPolicy` permission on `*`; none of it is '
        + 'configurable. Prefer an explicit `logGroup` over `logRetention`.',
    },
  ];

  /** Finds the framework resources of a stack from the constructs that created them. */
  public static classify(view: StackView, index: ConstructIndex): FrameworkResources {
    return new FrameworkClassifier(view, index).classify();
  }

  /** No framework resources: for views built without a construct tree. */
  public static none(): FrameworkResources {
    return new FrameworkResources(new Map());
  }

  /** @internal */
  public static _of(decisions: Map<string, FrameworkDecision>): FrameworkResources {
    return new FrameworkResources(decisions);
  }

  private constructor(private readonly decisions: Map<string, FrameworkDecision>) {}

  /** Logical ids of the stack's framework resources. */
  public get logicalIds(): string[] {
    return [...this.decisions.keys()];
  }

  /**
   * The decision covering a resource.
   *
   * @returns the decision, or undefined when the resource is not framework-generated
   */
  public decisionFor(logicalId: string): FrameworkDecision | undefined {
    return this.decisions.get(logicalId);
  }

  /** True when a built-in decision exempts the resource from the rule. */
  public isExempt(logicalId: string, ruleId: string): boolean {
    return this.decisions.get(logicalId)?.exemptRuleIds.includes(ruleId) ?? false;
  }
}

/** One classification pass over a stack: owners first, then the handlers that framework custom resources name. */
class FrameworkClassifier {
  private readonly ownerDecision = new Map<IConstruct, FrameworkDecision | null>();
  private readonly result = new Map<string, FrameworkDecision>();

  constructor(private readonly view: StackView, private readonly index: ConstructIndex) {}

  public classify(): FrameworkResources {
    for (const resource of this.view.resources) {
      const construct = this.index.constructOf(resource.logicalId);
      if (!construct) continue;
      const decision = this.decisionOfSubtreeContaining(construct);
      if (decision) this.result.set(resource.logicalId, decision);
      if (CUSTOM_RESOURCE_TYPES.test(resource.type)) this.classifyHandlerOf(resource.logicalId, construct);
    }
    return FrameworkResources._of(this.result);
  }

  /** Marks the handler behind a custom resource when an aws-cdk-lib construct that always supplies it created it. */
  private classifyHandlerOf(logicalId: string, construct: IConstruct): void {
    const decision = this.ancestorDecision(construct, (d, c) => d.customResourceOwners.some((fqn) => hasClass(c, fqn)));
    if (!decision) return;
    const handler = this.view.referencedResource(this.view.resource(logicalId)?.properties.ServiceToken);
    const handlerConstruct = handler && this.index.constructOf(handler.logicalId);
    const owner = handlerConstruct?.node.scope;
    if (!owner || owner === this.index.stack) return;
    for (const id of this.index.logicalIdsUnder(owner)) {
      if (!this.result.has(id)) this.result.set(id, decision);
    }
  }

  /** The decision of the nearest ancestor (or the construct itself) that marks a framework subtree. */
  private decisionOfSubtreeContaining(construct: IConstruct): FrameworkDecision | undefined {
    const cached = this.ownerDecision.get(construct);
    if (cached !== undefined) return cached ?? undefined;
    const parent = construct.node.scope;
    const own = decisionMarkedOn(construct);
    const decision = own ?? (parent && parent !== this.index.stack ? this.decisionOfSubtreeContaining(parent) : undefined);
    this.ownerDecision.set(construct, decision ?? null);
    return decision;
  }

  private ancestorDecision(construct: IConstruct,
    matches: (d: FrameworkDecision, c: IConstruct) => boolean): FrameworkDecision | undefined {
    for (let c: IConstruct | undefined = construct; c && c !== this.index.stack && !Stack.isStack(c); c = c.node.scope) {
      const decision = FrameworkResources.DECISIONS.find((d) => matches(d, c!));
      if (decision) return decision;
    }
    return undefined;
  }
}

/** The decision whose metadata marker or construct class the construct itself carries. */
function decisionMarkedOn(construct: IConstruct): FrameworkDecision | undefined {
  const metadata = construct.node.metadata; // a fresh copy on every read: read once for all decisions
  const classes = classNames(construct.constructor);
  return FrameworkResources.DECISIONS.find((d) => d.metadataMarkers.some((marker) => metadata.some((m) => m.type === marker))
    || d.constructClasses.some((fqn) => classes.includes(fqn)));
}

/** True when the construct's class, or one of its base classes, is the jsii class `fqn`. */
function hasClass(construct: IConstruct, fqn: string): boolean {
  return classNames(construct.constructor).includes(fqn);
}

const classNameCache = new WeakMap<Function, string[]>();

/** The jsii class names of a class and its base classes (jsii records them as `Symbol.for('jsii.rtti')`). */
function classNames(ctor: Function): string[] {
  const cached = classNameCache.get(ctor);
  if (cached) return cached;
  const names: string[] = [];
  for (let c: any = ctor; c && c !== Function.prototype && c !== Object; c = Object.getPrototypeOf(c)) {
    const fqn = Object.getOwnPropertyDescriptor(c, JSII_RTTI)?.value?.fqn;
    if (typeof fqn === 'string') names.push(fqn);
  }
  classNameCache.set(ctor, names);
  return names;
}
