/** How much of a deployed value is known at synth time. */
export enum ValueKind {
  /** Plain JSON with no intrinsic function: the value is exactly known. */
  LITERAL = 'literal',
  /** Exactly a `Ref` or `Fn::GetAtt` to a resource of the same stack. */
  RESOURCE_REFERENCE = 'resource-reference',
  /**
   * Built by CloudFormation from literals, resources of the same stack and pseudo parameters (`AWS::Region`...), for
   * example an ARN assembled with `Fn::Join`. Its shape is known; `rendered` shows it with `${...}` placeholders.
   */
  DEPLOY_TIME = 'deploy-time',
  /**
   * Depends on something outside the template's knowledge: a parameter, `Fn::ImportValue`, a condition, a dynamic
   * reference, or a logical id the stack does not define. A rule that needs it must report "unable to decide".
   */
  EXTERNAL = 'external',
}

/** A deployed value, classified by what is known of it at synth time. */
export interface ResolvedValue {
  /** How much is known. */
  readonly kind: ValueKind;
  /**
   * The value itself for `LITERAL` (after evaluating the intrinsics the template decides on its own: CloudFormation
   * JSON, hence untyped); the value rendered as a string with `${LogicalId}`, `${LogicalId.Attr}` and `${AWS::Region}`
   * placeholders for `RESOURCE_REFERENCE` and `DEPLOY_TIME`; undefined for `EXTERNAL`.
   *
   * @default - not known
   */
  readonly value?: any;
  /** Logical ids of the stack's resources the value refers to. */
  readonly referencedLogicalIds: string[];
  /**
   * The CloudFormation type of the resource a `RESOURCE_REFERENCE` names (`AWS::Lambda::Function`).
   *
   * @default - not a reference to one resource
   */
  readonly referencedType?: string;
  /**
   * For `EXTERNAL` values, a short human description of what is unknown (`Fn::ImportValue SharedKeyArn`,
   * `parameter DbPassword`), to put into "unable to decide" findings.
   *
   * @default - nothing is unknown
   */
  readonly unknownReason?: string;
}
