import { AuditedResource } from '../../core/audited-resource';
import { Known, isIntrinsic, readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Variables that only tune the runtime and hold no data of the app. */
const RUNTIME_SETTINGS = new Set(['AWS_NODEJS_CONNECTION_REUSE_ENABLED']);

/**
 * Environment variables are encrypted at rest with an AWS-managed key unless a customer-managed key is given. With
 * the AWS-managed key, anyone allowed `lambda:GetFunctionConfiguration` reads them in clear; a customer-managed key
 * adds a key policy, rotation and CloudTrail records of its use (T3). Functions without variables have nothing to
 * protect and are not reported, nor are functions whose only variables are runtime settings aws-cdk-lib itself adds
 * (`AWS_NODEJS_CONNECTION_REUSE_ENABLED`, set by `NodejsFunction`).
 */
export class LambdaEnvEncryptionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-ENV-ENCRYPTION';

  public readonly id = LambdaEnvEncryptionRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Lambda always encrypts environment variables at rest; a customer-managed key only adds a key policy over configuration that holds no secret once SLS-LAMBDA-ENV-SECRET passes.';
  public readonly description = 'The Lambda function encrypts its environment variables with a customer-managed KMS key.';
  public readonly remediation = 'Use SecureFunction (environment encrypted with the stack\'s customer-managed key by default, or '
    + 'its `encryptionKey`), or set `environmentEncryption` to a `kms.Key` with rotation on lambda.Function.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (resource.properties.KmsKeyArn !== undefined) return [];
    const variables = this.variableNames(resource, stack);
    if (!variables.known) {
      return [Verdicts.undecidable('Whether the function has environment variables is not known.', variables.unknownReason!, { location: 'Properties/Environment/Variables' })];
    }
    const names = (variables.value as string[]).filter((name) => !RUNTIME_SETTINGS.has(name));
    if (names.length === 0) return [];
    const listed = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
    return [Verdicts.violation(`The function's environment variables (${listed}) are encrypted with the AWS-managed key, not a customer-managed KMS key (KmsKeyArn).`, { location: 'Properties/KmsKeyArn' })];
  }

  /** The variable names; the map is unknown only when it is itself an intrinsic (`Fn::If`), not when a value is. */
  private variableNames(resource: AuditedResource, stack: StackView): Known {
    const raw = resource.property('Environment.Variables');
    const variables: Known = isIntrinsic(raw) ? readValue(stack, raw) : { known: true, value: raw };
    if (!variables.known) return variables;
    const map = variables.value;
    return { known: true, value: map && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map) : [] };
  }
}
