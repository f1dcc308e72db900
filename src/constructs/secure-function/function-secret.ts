import { aws_iam as iam, aws_secretsmanager as secretsmanager, aws_ssm as ssm } from 'aws-cdk-lib';

/**
 * A secret a `SecureFunction` reads at run time: a Secrets Manager secret or an SSM SecureString parameter. The
 * function's environment receives the reference (the secret ARN, or the parameter name), never the value, and the
 * function is granted read on exactly that secret (plus decrypt on its KMS key when it has one).
 */
export class FunctionSecret {
  /**
   * A Secrets Manager secret. The environment variable receives the secret ARN; the function may call
   * `secretsmanager:GetSecretValue` / `DescribeSecret` on that secret only (and `kms:Decrypt` on its key, if any).
   */
  public static fromSecret(secret: secretsmanager.ISecret): FunctionSecret {
    return new FunctionSecret(secret.secretArn, (grantee) => secret.grantRead(grantee));
  }

  /**
   * An SSM parameter, normally a SecureString. The environment variable receives the parameter name; the function
   * may read that parameter only. For a SecureString encrypted with a customer-managed key, import the parameter with
   * `StringParameter.fromSecureStringParameterAttributes(..., { encryptionKey })` so the decrypt grant is added too.
   */
  public static fromParameter(parameter: ssm.IParameter): FunctionSecret {
    return new FunctionSecret(parameter.parameterName, (grantee) => parameter.grantRead(grantee));
  }

  /** What the environment variable receives: the secret ARN or the parameter name. */
  public readonly reference: string;

  private readonly grant: (grantee: iam.IGrantable) => iam.Grant;

  private constructor(reference: string, grant: (grantee: iam.IGrantable) => iam.Grant) {
    this.reference = reference;
    this.grant = grant;
  }

  /**
   * Grant `grantee` read access to exactly this secret.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee);
  }
}
