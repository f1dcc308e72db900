/** How much an AWS-managed policy grants, judged by its name. */
export enum ManagedPolicyBreadth {
  /** Everything (`AdministratorAccess`) or a path to everything (`IAMFullAccess` can grant itself anything). */
  ADMINISTRATOR = 'administrator',
  /** Everything but IAM and account management (`PowerUserAccess`) and the broad job-function policies. */
  POWER_USER = 'power-user',
  /** Every action of one or more services (`AmazonS3FullAccess`, `AWSLambda_FullAccess`). */
  FULL_ACCESS = 'full-access',
  /** Anything else: usually a narrow service role (`AWSLambdaBasicExecutionRole`). */
  LIMITED = 'limited',
}

const ADMINISTRATOR_NAMES = new Set(['administratoraccess', 'administratoraccess-amplify',
  'administratoraccess-awselasticbeanstalk', 'iamfullaccess', 'awsorganizationsfullaccess']);
const POWER_USER_NAMES = new Set(['poweruseraccess', 'systemadministrator', 'databaseadministrator',
  'networkadministrator', 'datascientist']);

/** Recognises AWS-managed policies by ARN and classifies them by breadth. */
export class AwsManagedPolicies {
  /**
   * The name of the AWS-managed policy an ARN names: `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`
   * (with any partition, or a `${AWS::Partition}` placeholder) is `AWSLambdaBasicExecutionRole`.
   *
   * @returns the name, or undefined when the ARN is not an AWS-managed policy (a customer policy, an unknown value)
   */
  public static nameOf(arn: string): string | undefined {
    const neutral = arn.trim().replace(/\$\{AWS::Partition\}/g, 'aws');
    const match = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(neutral);
    return match ? match[1] : undefined;
  }

  /** How broad an AWS-managed policy is, from its name (case-insensitive). */
  public static breadthOf(name: string): ManagedPolicyBreadth {
    const lower = name.toLowerCase();
    if (ADMINISTRATOR_NAMES.has(lower)) return ManagedPolicyBreadth.ADMINISTRATOR;
    if (POWER_USER_NAMES.has(lower)) return ManagedPolicyBreadth.POWER_USER;
    if (lower.includes('fullaccess')) return ManagedPolicyBreadth.FULL_ACCESS;
    return ManagedPolicyBreadth.LIMITED;
  }
}
