import { aws_apigateway as apigateway } from 'aws-cdk-lib';

/** What binding an `ApiAuthorization` to an API produced. Internal: not exported from the package. */
export interface BoundAuthorization {
  /** The authorizer to attach to methods; none for IAM. */
  readonly authorizer?: apigateway.IAuthorizer;
  /** The method authorization type. */
  readonly authorizationType: apigateway.AuthorizationType;
}
