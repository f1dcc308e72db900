import { aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { FunctionLogGroup } from './function-log-group';
import { BaselinePolicyKind } from './props';

/** How the parts of one function are built. */
export interface OwnedPartsOptions {
  /** Retention of the log group (validated finite). */
  readonly retention: logs.RetentionDays;
  /** The customer-managed key of the log group. */
  readonly encryptionKey: kms.IKey;
  /** The role the user passed, used instead of a dedicated one. */
  readonly passedRole?: iam.IRole;
  /** A permissions boundary for the dedicated role. */
  readonly permissionsBoundary?: iam.IManagedPolicy;
  /** Where the dedicated role's baseline permission lives. */
  readonly baselinePolicy: BaselinePolicyKind;
  /** The stack's shared policies the role needs (failure queue, X-Ray, VPC network interfaces). */
  readonly sharedPolicies: iam.IManagedPolicy[];
}

/**
 * The role and the log group of a `SecureFunction`, created as children of the function (`<function>/ServiceRole`,
 * `<function>/LogGroup`), so that `Tags.of(fn)` and `Validations.of(fn)` reach them and their ids cannot collide with
 * the user's constructs.
 *
 * `lambda.Function` reads `props.role` and `props.logGroup` in its constructor, before a subclass may use `this`.
 * These parts are therefore handed to it as property getters that build them, once, under the function's own node:
 * the node exists by then, because aws-cdk-lib's `Resource` base constructor has already added it to the tree, and
 * `lambda.Function` reads no prop but `functionName` before that (it cannot: it needs `this` itself). Were a future
 * aws-cdk-lib to read them earlier, `owner` fails loudly rather than creating the parts elsewhere.
 */
export class OwnedParts {
  private logGroupParts?: FunctionLogGroup;
  private roleParts?: iam.IRole;

  constructor(private readonly scope: IConstruct, private readonly id: string, private readonly options: OwnedPartsOptions) {}

  /** `props` with `role` and `logGroup` answered by this object, for `lambda.Function`'s constructor. */
  public functionProps(props: lambda.FunctionProps): lambda.FunctionProps {
    return Object.defineProperties({ ...props }, {
      role: { enumerable: true, configurable: true, get: () => this.role },
      logGroup: { enumerable: true, configurable: true, get: () => this.logGroup.logGroup },
    });
  }

  /** The function's log group, created on first use. */
  public get logGroup(): FunctionLogGroup {
    this.logGroupParts ??= new FunctionLogGroup(this.owner, 'LogGroup', {
      retention: this.options.retention,
      encryptionKey: this.options.encryptionKey,
    });
    return this.logGroupParts;
  }

  /** The role the user passed, or the dedicated role, created on first use. */
  public get role(): iam.IRole {
    this.roleParts ??= this.options.passedRole ?? this.createRole();
    return this.roleParts;
  }

  /** The statement of the role's baseline: writing to the function's own log group, nothing else. */
  public writeOwnLogGroup(): iam.PolicyStatement {
    return new iam.PolicyStatement({
      sid: 'WriteOwnLogGroup',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.logGroup.resource.attrArn],
    });
  }

  private createRole(): iam.IRole {
    const owner = this.owner;
    const inline = this.options.baselinePolicy !== BaselinePolicyKind.CUSTOMER_MANAGED;
    const role = new iam.Role(owner, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Dedicated execution role of ${owner.node.path} (cdk-secure-serverless)`,
      permissionsBoundary: this.options.permissionsBoundary,
      inlinePolicies: inline ? { SecureFunctionBaseline: new iam.PolicyDocument({ statements: [this.writeOwnLogGroup()] }) } : undefined,
      managedPolicies: this.options.sharedPolicies,
    });
    if (!inline) {
      new iam.ManagedPolicy(owner, 'BaselinePolicy', {
        description: `Baseline permissions of ${owner.node.path} (cdk-secure-serverless)`,
        statements: [this.writeOwnLogGroup()],
        roles: [role],
      });
    }
    return role;
  }

  /** The function under construction. */
  private get owner(): Construct {
    const owner = this.scope.node.tryFindChild(this.id);
    if (!owner) {
      throw new Error(`SecureFunction ${this.scope.node.path}/${this.id}: lambda.Function asked for its role or log group before its `
        + 'construct node existed. This aws-cdk-lib version changed the order of its constructor: please report it to cdk-secure-serverless.');
    }
    return owner as Construct;
  }
}
