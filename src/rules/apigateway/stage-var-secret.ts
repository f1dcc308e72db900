import { StageSettings } from './private/stage-settings';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { SecretDetector } from '../../shared/secret-detector';

/**
 * T5: stage variables are plain configuration: anyone who can read the API's configuration (`apigateway:GET`), the
 * template or the CloudFormation console sees them, and mapping templates copy them into integration requests. A
 * secret belongs in Secrets Manager or Parameter Store. Detection is the library's shared `SecretDetector`, the same
 * one SecureFunction uses for environment variables. The finding id is the variable name.
 */
export class RestApiStageVarSecretRule implements IRule {
  public readonly id = 'SLS-APIGW-STAGE-VAR-SECRET';
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason = 'A secret in a stage variable is shown to anyone allowed apigateway:GET, copied into integration requests by mapping templates, and sits in the template and source control: a leak.';
  public readonly description = 'API Gateway REST stage variables hold no secret-looking literal.';
  public readonly remediation = 'Store the secret in Secrets Manager or SSM Parameter Store and give the backend its name or ARN (with read access to exactly that secret) instead of a stage variable value.';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    const variables = stage.properties.Variables;
    if (!variables || typeof variables !== 'object') return [];
    const verdicts: Verdict[] = [];
    for (const [name, raw] of Object.entries<any>(variables)) {
      const location = `${stage.base}/Variables/${name}`;
      const value = readValue(stack, raw);
      if (!value.known) {
        // A parameter or import is the right way to inject a value; only a secret-looking name makes it worth a look.
        if (SecretDetector.isSecretName(name)) {
          verdicts.push(Verdicts.undecidable(`Stage variable ${name} of ${stage.label} has a secret-looking name and a value unknown at synth time.`, value.unknownReason, { location, findingId: name }));
        }
        continue;
      }
      if (typeof value.value !== 'string') continue;
      const match = SecretDetector.inspect(name, value.value);
      if (match) verdicts.push(Verdicts.violation(`Stage variable ${name} of ${stage.label} looks like a secret: ${match.reason}.`, { location, findingId: name }));
    }
    return verdicts;
  }
}
