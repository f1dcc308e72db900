import { Stack, aws_apigateway as apigateway, aws_lambda as lambda } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SH } from './error-codes';
import { PropErrors } from '../../../core/prop-errors';
import { JsonSchemaStrictness } from '../../../rules/apigateway/private/json-schema-strictness';
import { PropChecks } from '../../secure-api/private/prop-checks';
import { SECURE_HTTP_API_DEFAULTS as D, SECURE_HTTP_API_LIMITS as L } from '../defaults';

/**
 * Hands each route's request schema to its function, since HTTP APIs cannot validate bodies: the function's
 * `REQUEST_SCHEMAS` environment variable holds a JSON object from route key (`POST /orders`) to JSON Schema, so one
 * function can serve several routes and look its schema up by `event.routeKey`.
 *
 * Schemas are checked at synth with the library's one JSON Schema checker (the audit's and SecureApi's): malformed and
 * permissive schemas are errors (a lax schema in the function is as good as none).
 */
export class RequestSchemas {
  /** Per function: the schemas as written (tokens kept, rendered by `toJsonString`) and as deployed (to size them). */
  private readonly byFunction = new Map<lambda.Function, { written: Record<string, unknown>; deployed: Record<string, unknown> }>();

  /**
   * Check `schema` for `handler`. Problems go to `errors`. Returns the step that adds it to the function's variable,
   * to run once the whole route is accepted (so a refused route changes nothing), or undefined when refused.
   */
  public prepare(
    scope: IConstruct,
    handler: lambda.IFunction | undefined,
    routeKey: string,
    schema: apigateway.JsonSchema,
    label: string,
    errors: PropErrors,
  ): (() => void) | undefined {
    const prop = `${label}.requestSchema`;
    const deployed = PropChecks.requestSchema(scope, errors, SH, prop, schema, true,
      'Make the schema strict (type, required, additionalProperties: false, maxLength/maxItems): the function accepts whatever it allows');
    if (!deployed) return undefined;
    if (!(handler instanceof lambda.Function)) {
      errors.add(SH.ROUTE_SCHEMA_UNDELIVERABLE, prop, `cannot be handed to the route's ${handler ? 'imported function' : 'integration'}: only a lambda.Function defined in this app gets environment variables`,
        'Use `handler` with a SecureFunction (or lambda.Function), or drop `requestSchema` and validate in the backend');
      return undefined;
    }
    const previous = this.byFunction.get(handler);
    const schemas = {
      written: { ...previous?.written, [routeKey]: JsonSchemaStrictness.deployedForm(schema) },
      deployed: { ...previous?.deployed, [routeKey]: deployed },
    };
    const bytes = Buffer.byteLength(D.requestSchemasVariable + JSON.stringify(schemas.deployed), 'utf8');
    if (bytes > L.environmentBytes) {
      errors.add(SH.ROUTE_SCHEMA_TOO_LARGE, prop, `makes the ${D.requestSchemasVariable} environment variable of ${handler.node.path} ${bytes} bytes, over Lambda's ${L.environmentBytes}-byte limit for all variables`,
        'Shorten the schema (drop descriptions, share definitions), or split the routes across several functions');
      return undefined;
    }
    return () => {
      this.byFunction.set(handler, schemas);
      // `toJsonString` renders tokens (a maxLength from a parameter, say) as CloudFormation will, inside the JSON text.
      handler.addEnvironment(D.requestSchemasVariable, Stack.of(handler).toJsonString(schemas.written));
    };
  }
}
