/** The `Effect` of a statement. */
export enum StatementEffect {
  ALLOW = 'Allow',
  DENY = 'Deny',
  /** The effect is not a literal (a parameter or a condition chooses it). */
  UNKNOWN = 'Unknown',
}

/**
 * One element of a policy (an action, a resource, a principal, a condition value) as far as it is known at synth
 * time. Exactly one of `text` and `unknownReason` is set.
 */
export interface PolicyValue {
  /**
   * The literal string, or the string CloudFormation will build, rendered with `${LogicalId}`, `${LogicalId.Attr}` and
   * `${AWS::Partition}` placeholders (`${MyBucket.Arn}/*`).
   *
   * @default - not known: see `unknownReason`
   */
  readonly text?: string;
  /**
   * Why the value is not known at synth time (`parameter RoleArn`, `Fn::ImportValue SharedKey`).
   *
   * @default - the value is known
   */
  readonly unknownReason?: string;
  /**
   * For a value not known at synth time that CloudFormation assembles from known and unknown parts (`Fn::Join`,
   * `Fn::Sub`), the string it builds with `${?}` for each unknown part (`arn:aws:sqs:us-east-1:${?}:orders`), so that
   * what is known (the service, the resource name) can still be judged.
   *
   * @default - no part is known, or the value is known (see `text`)
   */
  readonly partialText?: string;
  /** Logical ids of the stack's resources the value refers to. */
  readonly referencedLogicalIds: string[];
}

/** The kinds of principal a policy names. */
export enum PrincipalType {
  /** `"Principal": "*"` or `{"AWS": "*"}`: anyone, including anonymous callers. */
  ANYONE = '*',
  /** An account, a role, a user (`{"AWS": "arn:aws:iam::123456789012:root"}`, or a bare account id). */
  AWS = 'AWS',
  /** An AWS service (`{"Service": "lambda.amazonaws.com"}`). */
  SERVICE = 'Service',
  /** A web identity or SAML provider (`{"Federated": "cognito-identity.amazonaws.com"}`). */
  FEDERATED = 'Federated',
  /** An S3 canonical user id. */
  CANONICAL_USER = 'CanonicalUser',
  /** The principal block itself is not known at synth time. */
  UNKNOWN = 'Unknown',
}

/** One principal named by a statement. */
export interface StatementPrincipal {
  /** What kind of principal it is. */
  readonly principalType: PrincipalType;
  /** The principal's identifier (`*`, an ARN, an account id, a service name). */
  readonly value: PolicyValue;
}

/** One condition key test of a statement: `"StringEquals": {"aws:SourceAccount": "123456789012"}`. */
export interface StatementCondition {
  /** The operator, as written (`StringEquals`, `ArnLike`, `ForAnyValue:StringLike`). */
  readonly operator: string;
  /** The condition key, as written (`aws:SourceArn`). IAM compares keys case-insensitively. */
  readonly key: string;
  /** The values the key is compared with. */
  readonly values: PolicyValue[];
}

/**
 * One statement of a policy, normalised from whatever shape the template wrote: every list is an array (a single
 * string becomes a one-element list), principals and conditions are flattened, and intrinsic functions are rendered
 * or marked unknown.
 */
export interface NormalizedStatement {
  /** CloudFormation property path of the statement (`Properties/PolicyDocument/Statement/2`). */
  readonly location: string;
  /** A short stable name for the statement: its `Sid` when it has one, else `Statement<index>`. */
  readonly key: string;
  /**
   * The statement's `Sid` as written, to name it in messages.
   *
   * @default - the statement has no literal Sid
   */
  readonly sid?: string;
  /**
   * How messages name a statement that is not written as a policy statement (`the permission` for an
   * `AWS::Lambda::Permission`, whose statement is spread over its properties).
   *
   * @default - named by its Sid, or by what it grants
   */
  readonly label?: string;
  /** Allow, Deny or unknown. */
  readonly effect: StatementEffect;
  /** `Action` entries. */
  readonly actions: PolicyValue[];
  /** `NotAction` entries. */
  readonly notActions: PolicyValue[];
  /** `Resource` entries. */
  readonly resources: PolicyValue[];
  /** `NotResource` entries. */
  readonly notResources: PolicyValue[];
  /** `Principal` entries (resource and trust policies only). */
  readonly principals: StatementPrincipal[];
  /** `NotPrincipal` entries. */
  readonly notPrincipals: StatementPrincipal[];
  /** `Condition` tests, flattened. */
  readonly conditions: StatementCondition[];
  /**
   * Set when a part of the statement other than a single element is not known (its `Condition` block or a whole
   * list comes from a parameter or a condition), so its meaning cannot be judged.
   *
   * @default - the statement's structure is known
   */
  readonly unknownReason?: string;
}

/** A policy document as a list of normalised statements. */
export interface NormalizedPolicy {
  /** The statements, in document order. */
  readonly statements: NormalizedStatement[];
  /**
   * Set when the document or its statement list as a whole is not known at synth time.
   *
   * @default - the document is known
   */
  readonly unknownReason?: string;
}
