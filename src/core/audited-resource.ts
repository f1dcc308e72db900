/**
 * One CloudFormation resource exactly as CloudFormation will receive it: tokens resolved and raw overrides
 * (`addPropertyOverride`, `addOverride`) applied. Intrinsic functions that only CloudFormation can evaluate
 * (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`, ...) are kept as they appear in the template; use `StackView` to follow
 * or evaluate them.
 */
export class AuditedResource {
  /** The resource's logical id in its template. */
  public readonly logicalId: string;
  /** The CloudFormation type (`AWS::Lambda::Function`). */
  public readonly resourceType: string;
  /**
   * The `Properties` section, as deployed (empty when the resource has none). CloudFormation JSON, untyped because
   * each resource type has its own schema: a `dict` in Python, a `Map<String, Object>` in Java, a
   * `map[string]interface{}` in Go.
   */
  public readonly properties: { [key: string]: any };
  /** The `Metadata` section, as deployed: CloudFormation JSON (`aws:cdk:path`, other tools' entries), untyped. */
  public readonly metadata: { [key: string]: any };
  /**
   * The construct path of the resource (`MyStack/Api/Default/POST/Resource`), or the logical id when the resource
   * cannot be mapped back to a construct (a template included as is).
   */
  public readonly constructPath: string;

  /**
   * @param logicalId the resource's logical id
   * @param resourceType the CloudFormation type
   * @param properties the `Properties` section (CloudFormation JSON)
   * @param metadata the `Metadata` section (CloudFormation JSON)
   * @param constructPath the construct path, when known
   */
  constructor(logicalId: string, resourceType: string, properties: { [key: string]: any } | undefined,
    metadata: { [key: string]: any } | undefined, constructPath: string | undefined) {
    this.logicalId = logicalId;
    this.resourceType = resourceType;
    this.properties = properties ?? {};
    this.metadata = metadata ?? {};
    this.constructPath = constructPath ?? (this.metadata['aws:cdk:path'] as string | undefined) ?? logicalId;
  }

  /**
   * Reads a property by a dotted path (`LoggingConfig.LogFormat`, `Environment.Variables`).
   * Array elements are addressed by their index (`Layers.0`).
   *
   * @returns the value as deployed (CloudFormation JSON: a string, number, boolean, list, map or intrinsic function),
   * or undefined when any segment is absent
   */
  public property(path: string): any {
    let current: any = this.properties;
    for (const segment of path.split('.')) {
      if (current === null || typeof current !== 'object') return undefined;
      current = current[segment];
    }
    return current;
  }
}
