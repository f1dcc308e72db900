import { aws_apigateway as apigateway } from 'aws-cdk-lib';

/** What binding an `ApiAuthorization` to an API produced. Internal: not exported from the package. */
export interface BoundAuthorization {
  /** The authorizer to attach to methods; none for IAM. */
  readonly authorizer?: apigateway.IAuthorizer;
  /** The method authorization type. */
  readonly authorizationType: apigateway.AuthorizationType;
}

/** How a `SecureApi` method authenticates its caller. Internal: not exported from the package. */
export enum AuthorizationKind {
  /** A Cognito user pool authorizer (ID or access token; access token with scopes when scopes are set). */
  COGNITO = 'COGNITO',
  /** A Lambda authorizer that receives a bearer token from one header. */
  LAMBDA_TOKEN = 'LAMBDA_TOKEN',
  /** A Lambda authorizer that receives the request's identity sources (headers, query strings, context). */
  LAMBDA_REQUEST = 'LAMBDA_REQUEST',
  /** AWS Signature Version 4: the caller is an IAM principal allowed `execute-api:Invoke`. */
  IAM = 'IAM',
  /** An authorizer you created yourself (`apigateway.IAuthorizer`). */
  CUSTOM = 'CUSTOM',
}
