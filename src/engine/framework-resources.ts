import * as fs from 'fs';
import * as path from 'path';
import { AssetStaging } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ConstructIndex } from './construct-index';
import { CDK_HANDLERS, CdkHandlerRow } from './private/cdk-handlers.generated';
import { StackView } from '../core/stack-view';

/**
 * A documented built-in decision about resources that aws-cdk-lib itself generates: how they are recognised (by
 * proof of what aws-cdk-lib built, never by logical-id or path patterns, metadata or a scope anyone can add to) and
 * which rules do not apply to them, because the user cannot change what those rules judge. Users never have to
 * acknowledge framework internals.
 */
export interface FrameworkDecision {
  /** Short name of the kind of framework resource. */
  readonly name: string;
  /** Where such resources come from, for the documentation. */
  readonly examples: string;
  /** How the audit proves a resource is of this kind, for the documentation. */
  readonly recognisedBy: string;
  /**
   * The kinds of aws-cdk-lib handlers (`singleton-function`, `custom-resource-provider`, `provider-framework`,
   * `function`, `construct`, `code-directory`: the `kind` column of the generated handler table) the decision covers.
   */
  readonly handlerKinds: string[];
  /** Rules that do not apply to the covered resources. */
  readonly exemptRuleIds: string[];
  /** Why the user cannot fix what these rules judge. */
  readonly reason: string;
}

// The rule ids below are spelled out because the engine lies below the rules (test/layers.test.ts): it cannot import
// the rule classes' `ID`. test/engine/framework-resources.test.ts checks that each one is a built-in rule's id.

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

const FUNCTION_TYPE = 'AWS::Lambda::Function';
/** The children aws-cdk-lib creates next to a handler function: its role (and default policy) and its log group. */
const HANDLER_PARTS = ['ServiceRole', 'Role', 'LogGroup'];
/** The Provider framework's waiter, with the module (relative to aws-cdk-lib's root) that defines its class. */
const WAITER = { id: 'waiter-state-machine', module: 'custom-resources/lib/provider-framework/waiter-state-machine', className: 'WaiterStateMachine' };
const PROVIDER_FQN = 'aws-cdk-lib.custom_resources.Provider';
/**
 * Policies aws-cdk-lib writes for one of its handlers outside the handler's own scope: the `s3:PutBucketNotification`
 * policy `BucketNotifications` (a bucket's `Notifications` child) attaches to the bucket-notifications handler's role.
 */
const HANDLER_POLICY_OWNERS = [{ module: 'aws-s3/lib/notifications-resource/notifications-resource', className: 'BucketNotifications', child: 'HandlerPolicy' }];
const POLICY_TYPE = 'AWS::IAM::Policy';
const JSII_RTTI = Symbol.for('jsii.rtti');

/**
 * The framework resources of one stack and the decision covering each. The table of decisions is
 * `FrameworkResources.DECISIONS`; `docs/RULES.md` renders it.
 *
 * What counts as aws-cdk-lib's is proven from what aws-cdk-lib builds, listed in a table generated from aws-cdk-lib's
 * own source (scripts/generate-framework-handlers.ts): a Lambda function whose code asset is staged from one of
 * aws-cdk-lib's handler directories, whose inline code is the text of one of aws-cdk-lib's handler files, or which
 * an instance of one of aws-cdk-lib's custom-resource provider classes created. Then the function itself, the role,
 * default policy and log group aws-cdk-lib created beside it, the Provider framework's waiter state machine, and the
 * policies aws-cdk-lib's own constructs attach to such a role (bucket notifications) are covered. Anything else a user puts in the same scope (a role inside a `Provider`, a function with a handler's
 * metadata) stays under every rule.
 */
export class FrameworkResources {
  /** The built-in decisions, one row per kind of framework resource. */
  public static readonly DECISIONS: FrameworkDecision[] = [
    {
      name: 'Singleton custom-resource handlers',
      examples: '`BucketDeployment`, `AwsCustomResource` and every other aws-cdk-lib handler built on `SingletonFunction`, '
        + 'with the execution role, default policy and log group aws-cdk-lib creates for them',
      recognisedBy: 'the function\'s code asset is staged from the handler directory of an aws-cdk-lib `SingletonFunction` class',
      handlerKinds: ['singleton-function'],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_UNCONFIGURABLE_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES],
      reason: 'aws-cdk-lib ships the handler code, runtime, role and policies; only the runtime can be changed '
        + '(`CustomResourceConfig`), and upgrading aws-cdk-lib moves it along.',
    },
    {
      name: 'Core custom-resource providers',
      examples: '`CustomResourceProvider` handlers such as S3 `autoDeleteObjects`, ECR `emptyOnDelete`, the default '
        + 'security group restriction and cross-region references',
      recognisedBy: 'the function was created by an instance of one of aws-cdk-lib\'s own `CustomResourceProviderBase` classes',
      handlerKinds: ['custom-resource-provider'],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_UNCONFIGURABLE_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES],
      reason: '`CustomResourceProvider` is a raw CloudFormation function with a fixed role; it exposes no tracing, '
        + 'logging, encryption or concurrency settings.',
    },
    {
      name: 'Custom-resource provider framework',
      examples: 'the `framework-onEvent`, `framework-isComplete` and `framework-onTimeout` functions and the waiter '
        + 'state machine of `custom_resources.Provider` (the user\'s own handlers, and anything else in the Provider\'s '
        + 'scope, stay audited)',
      recognisedBy: 'the function\'s code asset is staged from aws-cdk-lib\'s provider-framework runtime; the waiter is '
        + 'an instance of aws-cdk-lib\'s `WaiterStateMachine` next to such a function',
      handlerKinds: ['provider-framework'],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES, ...WAITER_STATE_MACHINE_RULES],
      reason: 'aws-cdk-lib ships the framework functions and waiter; their environment key '
        + '(`providerFunctionEnvEncryption`), log group (`logGroup`) and waiter logging '
        + '(`disableWaiterStateMachineLogging`, `waiterStateMachineLogOptions`) are Provider props, so those rules still apply.',
    },
    {
      name: 'Other aws-cdk-lib handlers',
      examples: 'the log-retention function behind `Custom::LogRetention`, the S3 bucket-notifications handler, the ECS '
        + 'drain hook, the EKS kubectl and cluster handlers, DynamoDB replica handlers and the other functions aws-cdk-lib '
        + 'builds from its own handler code',
      recognisedBy: 'the function\'s code asset is staged from an aws-cdk-lib handler directory, or its inline code is the '
        + 'text of an aws-cdk-lib handler file',
      handlerKinds: ['function', 'construct', 'code-directory'],
      exemptRuleIds: [...HANDLER_FUNCTION_RULES, ...HANDLER_UNCONFIGURABLE_RULES, ...HANDLER_ROLE_RULES, ...HANDLER_LOG_GROUP_RULES],
      reason: 'aws-cdk-lib ships the handler and the permissions it needs (`logs:PutRetentionPolicy` or '
        + '`s3:PutBucketNotification` on `*`); none of it is configurable.',
    },
  ];

  /** Finds the framework resources of a stack: the handlers aws-cdk-lib provably built, and their parts. */
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

/** One classification pass over a stack's Lambda functions. */
class FrameworkClassifier {
  private readonly result = new Map<string, FrameworkDecision>();

  constructor(private readonly view: StackView, private readonly index: ConstructIndex) {}

  public classify(): FrameworkResources {
    const functions = this.view.resourcesOfType(FUNCTION_TYPE);
    if (functions.length === 0) return FrameworkResources.none();
    const handlers = CdkHandlers.get();
    if (!handlers) return FrameworkResources.none();
    for (const fn of functions) {
      const construct = this.index.constructOf(fn.logicalId);
      const owner = construct?.node.scope;
      if (!construct || !owner) continue;
      const row = handlers.rowOfCodeAsset(owner) ?? handlers.rowOfProviderClass(construct, owner)
        ?? handlers.rowOfInlineCode(fn.properties.Code?.ZipFile);
      const decision = row && FrameworkResources.DECISIONS.find((d) => d.handlerKinds.includes(row.kind));
      if (!decision) continue;
      this.cover([construct], decision);
      for (const part of HANDLER_PARTS) {
        const child = owner.node.tryFindChild(part);
        if (child) this.cover([child], decision);
      }
      if (row!.kind === 'provider-framework') this.coverWaiter(owner.node.scope, handlers, decision);
    }
    if (this.result.size > 0) this.coverHandlerPolicies(handlers);
    return FrameworkResources._of(this.result);
  }

  /** Policies that aws-cdk-lib's own constructs create for a handler's role elsewhere in the tree (see HANDLER_POLICY_OWNERS). */
  private coverHandlerPolicies(handlers: CdkHandlers): void {
    for (const policy of this.view.resourcesOfType(POLICY_TYPE)) {
      const roles = Array.isArray(policy.properties.Roles) ? policy.properties.Roles : [];
      const decisions = roles.map((r: any) => {
        const role = this.view.referencedResource(r);
        return role ? this.result.get(role.logicalId) : undefined;
      });
      if (decisions.length === 0 || decisions.some((d: FrameworkDecision | undefined) => d === undefined)) continue;
      const l2 = this.index.constructOf(policy.logicalId)?.node.scope;
      const owner = l2?.node.scope;
      if (!l2 || !owner) continue;
      const proven = HANDLER_POLICY_OWNERS.some((o) => l2.node.id === o.child && handlers.isInstance(owner, o.module, o.className));
      if (proven) this.cover([l2], decisions[0]!);
    }
  }

  /** The waiter state machine aws-cdk-lib's Provider creates next to its framework functions. */
  private coverWaiter(provider: IConstruct | undefined, handlers: CdkHandlers, decision: FrameworkDecision): void {
    if (!provider || !hasJsiiClass(provider, PROVIDER_FQN)) return;
    const waiter = provider.node.tryFindChild(WAITER.id);
    if (waiter && handlers.isInstance(waiter, WAITER.module, WAITER.className)) this.cover([waiter], decision);
  }

  private cover(constructs: IConstruct[], decision: FrameworkDecision): void {
    for (const construct of constructs) {
      for (const id of this.index.logicalIdsUnder(construct)) {
        if (!this.result.has(id)) this.result.set(id, decision);
      }
    }
  }
}

/**
 * aws-cdk-lib's handlers, as the generated table lists them, resolved against the aws-cdk-lib this library runs with
 * (its peer dependency, the one the app's constructs come from). Built once per process.
 */
class CdkHandlers {
  public static get(): CdkHandlers | undefined {
    if (CdkHandlers.instance === undefined) {
      let root: string | undefined;
      try {
        root = fs.realpathSync(path.dirname(require.resolve('aws-cdk-lib/package.json')));
      } catch {
        root = undefined;
      }
      CdkHandlers.instance = root === undefined ? null : new CdkHandlers(root);
    }
    return CdkHandlers.instance ?? undefined;
  }

  private static instance: CdkHandlers | null | undefined;

  /** Rows by the absolute path of their code directory; several classes may share a directory (the first wins). */
  private readonly byDirectory = new Map<string, CdkHandlerRow>();
  private readonly classes = new Map<string, Function | null>();
  private inlineTexts?: Map<string, CdkHandlerRow>;
  private readonly realPaths = new Map<string, string>();

  private constructor(private readonly root: string) {
    const rank = (row: CdkHandlerRow) => ['singleton-function', 'custom-resource-provider', 'provider-framework', 'function', 'construct', 'code-directory'].indexOf(row.kind);
    for (const row of [...CDK_HANDLERS].sort((a, b) => rank(a) - rank(b))) {
      const dir = path.join(root, ...row.codeDirectory.split('/'));
      if (!this.byDirectory.has(dir)) this.byDirectory.set(dir, row);
    }
  }

  /** The handler whose directory the owner's code asset (`<owner>/Code/Stage`) was staged from. */
  public rowOfCodeAsset(owner: IConstruct): CdkHandlerRow | undefined {
    const staging = owner.node.tryFindChild('Code')?.node.tryFindChild('Stage');
    if (!(staging instanceof AssetStaging)) return undefined;
    return this.byDirectory.get(this.realPath(staging.sourcePath));
  }

  /** The provider class of aws-cdk-lib that created the function (a `CustomResourceProviderBase` subclass). */
  public rowOfProviderClass(construct: IConstruct, owner: IConstruct): CdkHandlerRow | undefined {
    if (construct.node.id !== 'Handler') return undefined; // where CustomResourceProviderBase puts its function
    return CDK_HANDLERS.find((row) => row.kind === 'custom-resource-provider' && row.module && row.className
      && this.isInstance(owner, row.module, row.className));
  }

  /** The handler whose file text the inline code is: as is, or with comment lines stripped as aws-cdk-lib does for Python. */
  public rowOfInlineCode(code: any): CdkHandlerRow | undefined {
    if (typeof code !== 'string' || code.length === 0) return undefined;
    if (!this.inlineTexts) this.inlineTexts = this.readInlineTexts();
    return this.inlineTexts.get(code);
  }

  /** True when the construct is an instance of the class aws-cdk-lib's module exports under that name. */
  public isInstance(construct: IConstruct, module: string, className: string): boolean {
    const key = `${module}#${className}`;
    if (!this.classes.has(key)) {
      let cls: Function | null = null;
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const loaded = require(path.join(this.root, ...module.split('/')))[className];
        cls = typeof loaded === 'function' ? loaded : null;
      } catch {
        cls = null; // an aws-cdk-lib without this module: nothing can be an instance of it
      }
      this.classes.set(key, cls);
    }
    const cls = this.classes.get(key);
    return cls !== null && cls !== undefined && construct instanceof cls;
  }

  private readInlineTexts(): Map<string, CdkHandlerRow> {
    const texts = new Map<string, CdkHandlerRow>();
    for (const [dir, row] of this.byDirectory) {
      for (const name of ['index.py', 'index.js']) {
        const file = path.join(dir, name);
        if (!fs.existsSync(file)) continue;
        const text = fs.readFileSync(file, 'utf-8');
        texts.set(text, row);
        if (name.endsWith('.py')) texts.set(text.replace(/^ *#.*\n?/gm, ''), row);
      }
    }
    return texts;
  }

  private realPath(file: string): string {
    let real = this.realPaths.get(file);
    if (real === undefined) {
      try {
        real = fs.realpathSync(file);
      } catch {
        real = file;
      }
      this.realPaths.set(file, real);
    }
    return real;
  }
}

/** True when the construct's class, or one of its base classes, is the jsii class `fqn` (jsii records it as RTTI). */
function hasJsiiClass(construct: IConstruct, fqn: string): boolean {
  for (let c: any = construct.constructor; c && c !== Function.prototype && c !== Object; c = Object.getPrototypeOf(c)) {
    if (Object.getOwnPropertyDescriptor(c, JSII_RTTI)?.value?.fqn === fqn) return true;
  }
  return false;
}
