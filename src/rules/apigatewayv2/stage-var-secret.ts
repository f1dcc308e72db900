import { stageLabel } from './private/http-api-graph';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { secretEntryVerdicts } from '../private/secret-entry-verdicts';

/**
 * T5: stage variables of HTTP and WebSocket API stages (`StageVariables` of `AWS::ApiGatewayV2::Stage`) are plain
 * configuration, as for REST APIs (SLS-APIGW-STAGE-VAR-SECRET): anyone who can read the API's configuration
 * (`apigateway:GET`), the template or the CloudFormation console sees them, and parameter mappings copy them into
 * integration requests. The finding id is the variable name; a variable filled from a parameter or an import under a
 * secret-looking name is undecidable.
 */
export class HttpApiStageVarSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-HTTPAPI-STAGE-VAR-SECRET';

  public readonly id = HttpApiStageVarSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A secret in a stage variable is shown to anyone allowed apigateway:GET on the stage, copied into integration requests by parameter mappings, and sits in the template and source control: a leak.';
  public readonly description = 'API Gateway HTTP and WebSocket API stage variables hold no secret.';
  public readonly remediation = 'Store the secret in Secrets Manager or SSM Parameter Store and give the backend its name or ARN (with read access to exactly that secret) instead of a stage variable value; on an HttpStage, drop it from `stageVariables`.';
  public readonly resourceTypes = ['AWS::ApiGatewayV2::Stage'];

  public check(stage: AuditedResource, stack: StackView): Verdict[] {
    const label = stageLabel(stage, stack);
    return secretEntryVerdicts(stage.properties.StageVariables, stack, {
      label: (name) => `Stage variable ${name} of ${label}`,
      readers: 'by anyone allowed apigateway:GET on the stage',
      location: 'Properties/StageVariables',
      mapLabel: `the stage variables of ${label}`,
    });
  }
}
