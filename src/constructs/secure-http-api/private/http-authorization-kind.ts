/** How a `SecureHttpApi` route authenticates its caller. Internal: not exported from the package. */
export enum HttpAuthorizationKind {
  /** A JWT authorizer for any OpenID Connect / OAuth 2.0 issuer. */
  JWT = 'JWT',
  /** A JWT authorizer for a Cognito user pool. */
  USER_POOL = 'USER_POOL',
  /** A Lambda authorizer. */
  LAMBDA = 'LAMBDA',
  /** AWS Signature Version 4: the caller is an IAM principal allowed `execute-api:Invoke`. */
  IAM = 'IAM',
}
