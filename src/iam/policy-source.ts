import { NormalizedPolicy, PolicyValue } from './policy-statement';

/** What a policy document controls. */
export enum PolicyKind {
  /** What a role, user or group may do (inline policies, `AWS::IAM::Policy`, customer managed policies). */
  IDENTITY = 'identity',
  /** Who may assume a role (`AssumeRolePolicyDocument`). */
  TRUST = 'trust',
  /** Who may use a resource (queue, topic, bucket, key, bus, REST API policies, Lambda permissions). */
  RESOURCE = 'resource',
}

/** One policy document found in a stack, with where it is written. */
export interface PolicySource {
  /** Identity, trust or resource policy. */
  readonly kind: PolicyKind;
  /** The logical id of the resource that carries the document. */
  readonly logicalId: string;
  /** That resource's CloudFormation type. */
  readonly resourceType: string;
  /** CloudFormation property path of the document within that resource (`Properties/Policies/0/PolicyDocument`). */
  readonly location: string;
  /**
   * The policy's literal name (inline policy name, `PolicyName`, `ManagedPolicyName`).
   *
   * @default - unnamed, or the name is not a literal
   */
  readonly policyName?: string;
  /** The statements. */
  readonly policy: NormalizedPolicy;
  /**
   * For identity policies, the logical ids of the roles, users and groups of this stack it applies to; for resource
   * policies, the resources it protects (queues, topics, the bucket, the key, the function).
   */
  readonly appliesTo: string[];
  /**
   * For identity policies attached by reference, the ARN values naming those it applies to when they are not
   * resources of this stack (imported roles).
   *
   * @default - none
   */
  readonly appliesToExternal?: PolicyValue[];
}
