/** What a permissive request schema (valid, but not strict) does to the synth. */
export enum SchemaPolicy {
  /**
   * A permissive schema is an error, unless the route sets `relaxations.permissiveSchema` (recorded as an
   * acknowledged `SLS-APIGW-MODEL-SCHEMA`).
   */
  STRICT = 'STRICT',
  /**
   * A permissive schema is an acknowledgeable warning (`ServerlessSecurityChecks::SLS-APIGW-MODEL-SCHEMA`). Meant
   * for migrating an existing API; the audit still reports each permissive model.
   */
  WARN = 'WARN',
}

/** What API Gateway writes to the stage's execution log. Bodies are never logged (see `dataTraceEnabled`). */
export enum ExecutionLogLevel {
  /** Errors only: authorizer failures, integration errors, throttling. */
  ERROR = 'ERROR',
  /** Errors and a line per request stage (authorization, validation, integration). */
  INFO = 'INFO',
}

/** Where a `SecureApi` can be called from. */
export enum SecureApiEndpointType {
  /** A regional endpoint, reachable from the internet (behind WAF). */
  REGIONAL = 'REGIONAL',
  /** Only through the given interface VPC endpoints, enforced by the API's resource policy. */
  PRIVATE = 'PRIVATE',
}
