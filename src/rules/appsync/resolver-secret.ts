import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { credentialInCode } from '../private/code-credentials';

/** The properties of a resolver or a pipeline function that hold code the template carries. */
const CODE_PROPERTIES = ['Code', 'RequestMappingTemplate', 'ResponseMappingTemplate'];

/**
 * A credential written into an AppSync resolver or pipeline function (its JavaScript `Code`, or a VTL request or
 * response mapping template), typically the API key of a third-party service an HTTP data source calls, is a secret
 * in plain configuration (T5): it is in the template, `cdk.out` and source control, and `appsync:GetResolver` /
 * `GetFunction` (part of ReadOnlyAccess) return it. Judged like a Lambda function's inline code
 * (`SLS-LAMBDA-CODE-SECRET`), by the shape of the code's string literals. Finding ids are the property.
 */
export class AppSyncResolverSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APPSYNC-RESOLVER-SECRET';

  public readonly id = AppSyncResolverSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A credential in resolver code sits in the template and source control, and anyone allowed '
    + 'appsync:GetResolver (part of ReadOnlyAccess) reads it: a leak.';
  public readonly description = 'AppSync resolver and function code holds no credential.';
  public readonly remediation = 'Keep the third-party credential in Secrets Manager and let a Lambda data source read it at run time, or '
    + 'sign the HTTP data source\'s requests with IAM (`authorizationConfig`); never write the key into the resolver code or template.';
  public readonly resourceTypes = ['AWS::AppSync::Resolver', 'AWS::AppSync::FunctionConfiguration'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const property of CODE_PROPERTIES) {
      const what = credentialInCode(resource.properties[property], stack);
      if (what === undefined) continue;
      verdicts.push(Verdicts.violation(`The ${property} of ${resource.resourceType === 'AWS::AppSync::Resolver' ? 'resolver' : 'function'} `
        + `${resource.logicalId} holds ${what}, readable in the template and by anyone allowed appsync:GetResolver.`,
      { location: `Properties/${property}`, findingId: property }));
    }
    return verdicts;
  }
}
