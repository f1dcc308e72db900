import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const TRANSFORM = 'the AWS::Serverless-2016-10-31 transform, which runs at deploy time';
/** Transforms whose effect the audit reports resource by resource (SAM resources, Fn::ForEach loops) or evaluates. */
const KNOWN_TRANSFORMS = new Set(['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions']);

/** What the SAM transform generates from each resource type and the audit does not see, by type. */
const SAM_UNAUDITED: { [type: string]: (resource: AuditedResource) => string | undefined } = {
  // The function's URL, API events, environment and runtime are judged directly (SLS-LAMBDA-URL-AUTH, SLS-SAM-API-AUTH,
  // SLS-LAMBDA-ENV-SECRET, SLS-LAMBDA-RUNTIME); only a role generated from Policies is out of sight.
  'AWS::Serverless::Function': (r) => (r.properties.Policies !== undefined && r.properties.Role === undefined
    ? 'its execution role and policies, generated from Policies' : undefined),
  'AWS::Serverless::Api': () => 'its deployment and stage (access logs, execution logs, throttling, tracing, data tracing)',
  'AWS::Serverless::HttpApi': () => 'its stage (access logs, throttling) and routes',
  'AWS::Serverless::StateMachine': () => 'the state machine, its role and its logging',
  'AWS::Serverless::SimpleTable': () => 'the DynamoDB table and its encryption and recovery settings',
  'AWS::Serverless::LayerVersion': () => 'the layer version and its permissions',
  'AWS::Serverless::Application': () => 'a whole nested application (from the Serverless Application Repository or a template URL)',
  'AWS::Serverless::Connector': () => 'the IAM policies that connect its source and destination',
  'AWS::Serverless::GraphQLApi': () => 'the AppSync API, its authorization, data sources and resolvers',
};

/**
 * No silent blind spots (#16.3): whatever the audit cannot read is reported as "unable to decide", never passed over.
 * - `Fn::ForEach` loops of the `AWS::LanguageExtensions` transform (the view's `Template::ForEach` entries): the
 *   resources they expand to exist only at deploy time.
 * - Resources entries without a string `Type` (`Template::Untyped`): something (a macro, a bad override) fills them
 *   in later, or CloudFormation rejects the template.
 * - Template transforms other than SAM and `AWS::LanguageExtensions` (`Template::Transform`: macros, `AWS::Include`):
 *   they rewrite the template at deploy time.
 * - Resources of the SAM transform (`AWS::Serverless::*`): the transform generates the real resources at deploy time.
 *   The audit judges the SAM function and API shapes directly where it can (function URL auth, API event auth,
 *   environment secrets, runtime, OpenAPI definitions); this rule reports, once per resource, what is left out of
 *   sight (a function's generated role, an API's stage, every other SAM resource).
 */
export class TemplateUnreadableRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-TEMPLATE-UNREADABLE';

  public readonly id = TemplateUnreadableRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'It reports only what the audit cannot read, which is always "unable to decide", a warning: the resources may be secure or not.';
  public readonly description = 'Every resource of the template is readable by the audit: no deploy-time loop, transform-generated resource or entry without a type.';
  public readonly remediation = 'Define the resources with aws-cdk-lib constructs (a TypeScript loop instead of Fn::ForEach, lambda.Function and apigateway.RestApi '
    + 'instead of SAM resources) so the audit sees what CloudFormation deploys; or review what the transform generates and acknowledge the finding '
    + 'with the reason.';
  public readonly resourceTypes = ['Template::ForEach', 'Template::Untyped', 'Template::Transform', ...Object.keys(SAM_UNAUDITED)];

  public check(resource: AuditedResource, _stack: StackView): Verdict[] {
    switch (resource.resourceType) {
      case 'Template::ForEach':
        return [Verdicts.undecidable(`The resources that loop ${resource.logicalId} generates are not audited.`,
          'the Fn::ForEach loop of the AWS::LanguageExtensions transform, expanded at deploy time')];
      case 'Template::Transform': {
        // SAM resources and Fn::ForEach loops are reported one by one above; any other transform (a macro,
        // AWS::Include) rewrites the template in ways no rule can see.
        const name = typeof resource.properties.Name === 'string' ? resource.properties.Name : resource.logicalId;
        if (KNOWN_TRANSFORMS.has(name)) return [];
        return [Verdicts.undecidable(`Transform ${name} rewrites the template at deploy time: what it adds or changes is not audited.`,
          `the ${name} transform`)];
      }
      case 'Template::Untyped':
        return [Verdicts.undecidable(`Resources entry ${resource.logicalId} has no Type, so no rule can judge it.`,
          'a resource whose type is filled in after synthesis (a macro or transform), if CloudFormation accepts it at all')];
      default: {
        const unaudited = SAM_UNAUDITED[resource.resourceType]?.(resource);
        if (!unaudited) return [];
        return [Verdicts.undecidable(`${resource.resourceType} ${resource.logicalId} deploys ${unaudited}, which the audit does not see.`, TRANSFORM)];
      }
    }
  }
}
