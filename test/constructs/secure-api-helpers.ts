import { App, Stack, Validations, aws_apigateway as apigateway, aws_cognito as cognito, aws_lambda as lambda } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { testApp } from './construct-test-helpers';
import { ApiAuthorization, SecureApi, SecureApiProps, SecureFunction } from '../../src/constructs';

/** A new app and stack, with aws-cdk-lib's slow built-in template validation off. */
export function newStack(id = 'S'): Stack {
  const app = testApp();
  return new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

/** An imported user pool (no resources, so cdk-nag's user-pool rules stay out of the API's findings). */
export function userPool(stack: Stack): cognito.IUserPool {
  return cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_abcdefghi');
}

/** A SecureApi with Cognito authorization and the given props. */
export function cognitoApi(stack: Stack, props: Partial<SecureApiProps> = {}, id = 'Api'): SecureApi {
  return new SecureApi(stack, id, { authorization: ApiAuthorization.cognito({ userPools: [userPool(stack)] }), ...props });
}

/** A SecureFunction handler. */
export function handler(stack: Stack, id = 'Handler'): SecureFunction {
  return new SecureFunction(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" });'),
  });
}

/** A plain function, to show routes accept any lambda.IFunction. */
export function plainFunction(stack: Stack, id = 'Plain'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

/** A strict order schema: typed, required fields, no additional properties, bounded strings and arrays. */
export const ORDER_SCHEMA: apigateway.JsonSchema = {
  type: apigateway.JsonSchemaType.OBJECT,
  additionalProperties: false,
  required: ['sku', 'quantity'],
  properties: {
    sku: { type: apigateway.JsonSchemaType.STRING, maxLength: 32, pattern: '^[A-Z0-9-]+$' },
    quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1, maximum: 100 },
    tags: { type: apigateway.JsonSchemaType.ARRAY, maxItems: 5, items: { type: apigateway.JsonSchemaType.STRING, maxLength: 20 } },
  },
};

/** The rule ids acknowledged on a construct (bare ids, as recorded). */
export function acknowledgedIds(construct: IConstruct): string[] {
  return construct.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as object))
    .map((k) => k.replace(/^annotation::/i, ''));
}

/** Warning messages (with their ids) of the synthesized stack. */
export function warningsOf(stack: Stack): string[] {
  const app = stack.node.root as App;
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  return artifact.messages.filter((m) => m.level === 'warning').map((m) => `${m.id} ${String(m.entry.data)}`);
}
