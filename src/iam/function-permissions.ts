/*
 * The effective permissions of functions, as the audit reports list them (the reports' permissions section). The only
 * public types of the IAM analysis: everything else in src/iam is internal.
 */

/** What a principal can do in one service. */
export interface EffectiveServicePermissions {
  /** The service prefix (`s3`), or `*` for grants that span every service (`Action: *`, `NotAction`). */
  readonly service: string;
  /**
   * The access levels granted (`List`, `Read`, `Write`, `Permissions management`, `Tagging`, as the AWS Service
   * Authorization Reference names them), in that order.
   */
  readonly accessLevels: string[];
  /**
   * The concrete actions granted, sorted; for service `*`, the patterns as written (`*`, `NotAction iam:*`), since
   * expanding them would list every action AWS has.
   */
  readonly actions: string[];
  /** The resources, rendered (`${MyBucket.Arn}/*`, `*`), sorted. */
  readonly resources: string[];
  /**
   * The broadest scope among those resources: `all` (`*`), `service-wide`, `broad` (a wildcard in the name or
   * account), `unknown` (not known at synth time) or `specific` (named resources).
   */
  readonly resourceScope: string;
  /** Where the grants are written: policy names or logical ids (`FnServiceRoleDefaultPolicy`, `AWSLambdaBasicExecutionRole`). */
  readonly grantedBy: string[];
}

/** What one function can do, for the report. */
export interface EffectiveFunctionPermissions {
  /** The function's logical id. */
  readonly functionLogicalId: string;
  /** The function's construct path. */
  readonly constructPath: string;
  /**
   * The role the function runs with.
   *
   * @default - the role is not a resource of this stack: see `unknownReasons`
   */
  readonly roleLogicalId?: string;
  /** What it can do, service by service, sorted by service. */
  readonly services: EffectiveServicePermissions[];
  /** The AWS-managed policies attached to its role, by name. */
  readonly awsManagedPolicies: string[];
  /** Other functions that run with the same role, and so can do the same. */
  readonly sharesRoleWith: string[];
  /** What could not be analysed (imported roles, AWS-managed policies of unknown content, parameters). */
  readonly unknownReasons: string[];
}
