import { isContainerImage } from './private/function-links';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Code signing makes Lambda check that a deployment package was signed by a trusted publisher, so a tampered
 * package (a compromised pipeline, a swapped artifact in the bucket) is refused (T3). A signing config whose policy
 * is `Warn` (CloudFormation's default) only logs the untrusted deployment, so a config of this stack with that
 * policy is reported too (finding `enforce`). Container images are verified by their registry, not by Lambda code
 * signing, so the rule does not apply to them.
 */
export class LambdaCodeSigningRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-CODE-SIGNING';

  public readonly id = LambdaCodeSigningRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Code signing guards the deployment pipeline, not the running app: a secure app whose artifacts come only from its own pipeline may reasonably skip it.';
  public readonly description = 'The Lambda function has a code signing configuration that enforces signatures.';
  public readonly remediation = 'Pass a `codeSigningConfig` (a `lambda.CodeSigningConfig` with `untrustedArtifactOnDeployment: '
    + 'UntrustedArtifactOnDeployment.ENFORCE`) to SecureFunction or lambda.Function.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (isContainerImage(resource)) return [];
    const arn = resource.properties.CodeSigningConfigArn;
    if (arn === undefined) {
      return [Verdicts.violation('The function has no code signing configuration.', { location: 'Properties/CodeSigningConfigArn' })];
    }
    const config = stack.referencedResource(arn);
    if (config?.resourceType !== 'AWS::Lambda::CodeSigningConfig') return [];
    const location = 'Properties/CodeSigningPolicies/UntrustedArtifactOnDeployment';
    const policy = readValue(stack, config.property('CodeSigningPolicies.UntrustedArtifactOnDeployment'));
    if (!policy.known) {
      return [Verdicts.undecidable(`Whether code signing config ${config.logicalId} enforces signatures is not known.`, policy.unknownReason!, { location, findingId: 'enforce' })];
    }
    if (policy.value === 'Enforce') return [];
    return [Verdicts.violation(`Code signing config ${config.logicalId} only warns on unsigned code (UntrustedArtifactOnDeployment `
      + `${policy.value ?? 'not set, Warn'}).`, { location, findingId: 'enforce' })];
  }
}
