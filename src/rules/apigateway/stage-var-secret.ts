import { StageSettings } from './private/stage-settings';

import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { secretEntryVerdicts } from '../private/secret-entry-verdicts';

/**
 * T5: stage variables are plain configuration: anyone who can read the API's configuration (`apigateway:GET`), the
 * template or the CloudFormation console sees them, and mapping templates copy them into integration requests. A
 * secret belongs in Secrets Manager or Parameter Store. Detection is the audit's one judge of configuration entries
 * (literals by name and shape through the shared `SecretDetector`, dynamic references, secret attributes, unknown
 * values under secret names), the same as for environment variables. The finding id is the variable name.
 */
export class RestApiStageVarSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-STAGE-VAR-SECRET';

  public readonly id = RestApiStageVarSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A secret in a stage variable is shown to anyone allowed apigateway:GET, copied into integration requests by mapping templates, and sits in the template and source control: a leak.';
  public readonly description = 'API Gateway REST stage variables hold no secret-looking literal.';
  public readonly remediation = 'Store the secret in Secrets Manager or SSM Parameter Store and give the backend its name or ARN (with read access to exactly that secret) instead of a stage variable value.';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    return secretEntryVerdicts(stage.properties.Variables, stack, {
      label: (name) => `Stage variable ${name} of ${stage.label}`,
      readers: 'by anyone allowed apigateway:GET on the stage',
      location: `${stage.base}/Variables`,
      mapLabel: `the stage variables of ${stage.label}`,
    });
  }
}
