import { aws_iam as iam, aws_secretsmanager as secretsmanager, aws_ssm as ssm, Stack } from 'aws-cdk-lib';

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
    return new FunctionSecret(secret.secretArn, (grantee) => FunctionSecret.grantSecretRead(secret, grantee));
  }

  /**
   * An SSM parameter, normally a SecureString. The environment variable receives the parameter name; the function
   * may read that parameter only. For a SecureString encrypted with a customer-managed key, import the parameter with
   * `StringParameter.fromSecureStringParameterAttributes(..., { encryptionKey })` so the decrypt grant is added too.
   */
  public static fromParameter(parameter: ssm.IParameter): FunctionSecret {
    return new FunctionSecret(parameter.parameterName, (grantee) => parameter.grantRead(grantee));
  }

  /**
   * Read on one secret, granted in the grantee's identity policy only. `secret.grantRead` would add the function's
   * role to the KMS key policy (a `kms:ViaService` grant); when the key is the stack key that also encrypts the
   * function's log group, that closes a dependency cycle (key -> role -> log group -> key) that CloudFormation
   * refuses. The key policy already trusts the account's identity policies, so the identity grant is enough.
   */
  private static grantSecretRead(secret: secretsmanager.ISecret, grantee: iam.IGrantable): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      // An imported secret known by its partial ARN matches the six random characters Secrets Manager appends.
      resourceArns: [secret.secretFullArn ?? `${secret.secretArn}-??????`],
    });
    if (secret.encryptionKey) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['kms:Decrypt'],
        resourceArns: [secret.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(secret).region}.amazonaws.com` } },
      });
    }
    return grant;
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
