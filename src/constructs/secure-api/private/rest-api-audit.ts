import { Stack, Validations, aws_apigateway as apigateway, aws_lambda as lambda } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SchemaChecker, SchemaReport } from './schema-checker';
import { RuleIds } from '../../common/rule-ids';
import { SchemaPolicy } from '../secure-api-enums';
import { SA } from '../validate';

/** Methods whose request body can carry data to validate. */
export const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ANY']);

/** One problem found at synth on a method, model or permission of the API. */
export interface AuditFinding {
  readonly code: string;
  readonly construct: IConstruct;
  readonly message: string;
  /** Warnings are raised as acknowledgeable warnings under this audit rule id; errors fail the synth. */
  readonly warningRuleId?: string;
}

/** What the audit needs to know about the API. */
export interface RestApiAuditContext {
  readonly api: apigateway.RestApi;
  /** Methods and models that `addRoute` already checked (with the route's relaxations). */
  readonly checked: ReadonlySet<IConstruct>;
  readonly schemaPolicy: SchemaPolicy;
}

/**
 * Holds methods added through the plain aws-cdk-lib API (`api.root.addResource('x').addMethod(...)`) to the same
 * rules as `addRoute`, at synth: authorization, a model and a body validator on body methods, validation of
 * required parameters, well-formed and strict models, and Lambda permissions scoped to one method.
 *
 * A method or model can opt out of one rule the way the audit does, by acknowledging it with a reason:
 * `Validations.of(method).acknowledge({ id: 'ServerlessSecurityChecks::SLS-APIGW-METHOD-AUTH', reason })`.
 */
export class RestApiAudit {
  /** Every finding, in construct order. */
  public static findings(context: RestApiAuditContext): AuditFinding[] {
    const { api } = context;
    const stack = Stack.of(api);
    const findings: AuditFinding[] = [];
    const validators = new Map<string, apigateway.CfnRequestValidator>();
    const models: apigateway.CfnModel[] = [];
    const permissions: lambda.CfnPermission[] = [];
    for (const c of api.node.findAll()) {
      if (c instanceof apigateway.CfnRequestValidator) validators.set(stack.getLogicalId(c), c);
      else if (c instanceof apigateway.CfnModel) models.push(c);
      else if (c instanceof lambda.CfnPermission) permissions.push(c);
    }

    for (const method of api.methods) {
      if (context.checked.has(method)) continue;
      findings.push(...RestApiAudit.checkMethod(method, validators));
    }
    for (const model of models) {
      if (context.checked.has(model.node.scope!)) continue;
      findings.push(...RestApiAudit.checkModel(model, context.schemaPolicy));
    }
    for (const permission of permissions) {
      const sourceArn = JSON.stringify(stack.resolve(permission.sourceArn) ?? '');
      if (sourceArn.endsWith('/*/*/*"') || sourceArn.includes('/*/*/*"')) {
        findings.push({
          code: SA.PERMISSION_TOO_BROAD,
          construct: permission,
          message: 'lets API Gateway invoke the function from any method and stage of the API. Use `new LambdaIntegration(fn, { scopePermissionToMethod: true, allowTestInvoke: false })`, or `addRoute({ handler })`.',
        });
      }
    }
    return findings;
  }

  /** Checks a model's schema (malformed: error; permissive: by policy, unless acknowledged). */
  public static checkModel(model: apigateway.CfnModel, policy: SchemaPolicy, label = 'The model'): AuditFinding[] {
    const report = RestApiAudit.schemaReport(model);
    const findings: AuditFinding[] = report.malformed.map((f) => ({
      code: SA.MODEL_MALFORMED,
      construct: model,
      message: `${label}'s schema at ${f.location} ${f.problem}. Fix the JSON Schema (draft-04).`,
    }));
    if (report.permissive.length > 0 && !isAcknowledged(model, RuleIds.APIGW_MODEL_SCHEMA)) {
      const detail = report.permissive.map((f) => `${f.location} ${f.problem}`).join('; ');
      findings.push({
        code: SA.MODEL_PERMISSIVE,
        construct: model,
        message: `${label}'s schema is permissive: ${detail}. Make it strict, or acknowledge ${RuleIds.qualified(RuleIds.APIGW_MODEL_SCHEMA)} on the model with a reason.`,
        warningRuleId: policy === SchemaPolicy.WARN ? RuleIds.APIGW_MODEL_SCHEMA : undefined,
      });
    }
    return findings;
  }

  /** The schema report of a model, as deployed. */
  public static schemaReport(model: apigateway.CfnModel): SchemaReport {
    return SchemaChecker.check(Stack.of(model).resolve(model.schema));
  }

  private static checkMethod(method: apigateway.Method, validators: Map<string, apigateway.CfnRequestValidator>): AuditFinding[] {
    const cfn = method.node.defaultChild as apigateway.CfnMethod;
    const stack = Stack.of(method);
    const verb = method.httpMethod;
    const label = `${verb} ${method.resource.path}`;
    const findings: AuditFinding[] = [];
    const integration = stack.resolve(cfn.integration);
    const isPreflight = verb === 'OPTIONS' && integration?.type === 'MOCK';

    const authType = stack.resolve(cfn.authorizationType) ?? 'NONE';
    if (!isPreflight && authType === 'NONE' && !isAcknowledged(method, RuleIds.APIGW_METHOD_AUTH)) {
      findings.push({
        code: SA.METHOD_WITHOUT_AUTH,
        construct: method,
        message: `${label} has no authorizer: anyone can call it. Remove \`authorizationType: NONE\` so the API's authorization applies, or use api.addRoute() with \`relaxations.publicAccess\`.`,
      });
    }

    const requestModels = stack.resolve(cfn.requestModels) as Record<string, unknown> | undefined;
    const hasModel = !!requestModels && Object.keys(requestModels).length > 0;
    if (BODY_METHODS.has(verb) && !hasModel && !isAcknowledged(method, RuleIds.APIGW_BODY_VALIDATION)) {
      findings.push({
        code: SA.METHOD_WITHOUT_MODEL,
        construct: method,
        message: `${label} accepts a body but has no request model, so any payload reaches the backend. Use api.addRoute({ requestSchema }), or pass \`requestModels: { '$default': model }\` to addMethod.`,
      });
    }

    const parameters = stack.resolve(cfn.requestParameters) as Record<string, unknown> | undefined;
    const hasRequiredParameters = !!parameters && Object.values(parameters).some((v) => v === true);
    if (hasModel || hasRequiredParameters) {
      const ref = stack.resolve(cfn.requestValidatorId);
      const validator = ref && typeof ref === 'object' && typeof ref.Ref === 'string' ? validators.get(ref.Ref) : undefined;
      const validatesBody = validator && stack.resolve(validator.validateRequestBody) === true;
      const validatesParameters = validator && stack.resolve(validator.validateRequestParameters) === true;
      if (hasModel && !validatesBody && !isAcknowledged(method, RuleIds.APIGW_BODY_VALIDATION)) {
        findings.push({
          code: SA.METHOD_NOT_VALIDATED,
          construct: method,
          message: `${label} has a request model but no validator that checks the body, so the model is documentation only. Remove \`requestValidator\` from addMethod (the API's validator applies by default).`,
        });
      }
      if (hasRequiredParameters && !validatesParameters && !isAcknowledged(method, RuleIds.APIGW_PARAM_VALIDATION)) {
        findings.push({
          code: SA.METHOD_NOT_VALIDATED,
          construct: method,
          message: `${label} declares required parameters but no validator checks them. Remove \`requestValidator\` from addMethod (the API's validator applies by default).`,
        });
      }
    }
    return findings;
  }
}

/**
 * True when `ruleId` (bare, or qualified with the audit plugin name) is acknowledged on `construct` or one of its
 * ancestors, the way the audit and cdk-nag read acknowledgements.
 */
export function isAcknowledged(construct: IConstruct, ruleId: string): boolean {
  const ids = new Set([ruleId, RuleIds.qualified(ruleId)]);
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      if (Object.keys(entry.data).some((k) => ids.has(k.replace(/^annotation::/i, '')))) return true;
    }
  }
  return false;
}
