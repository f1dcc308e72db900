import { aws_apigateway as apigateway } from 'aws-cdk-lib';
import { SECURE_API_DEFAULTS as D } from '../defaults';

/**
 * The responses API Gateway itself generates (authorizer denials, validation failures, throttling, integration
 * failures) go through two gateway responses that cover every 4XX and 5XX type:
 *
 * - bodies carry only a generic message and the request id (to correlate with the access log), never
 *   `$context.error.validationErrorString`, authorizer exception text or integration error details (T3: internal
 *   detail helps an attacker probe the schema and the backend);
 * - every response sends HSTS, `nosniff` and `no-store` (T3);
 * - with exactly one CORS origin, the origin header is added so browsers can read the error.
 */
export class GatewayResponses {
  /** Add the two responses to `api`. */
  public static addTo(api: apigateway.RestApi, corsOrigin?: string): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(D.securityHeaders)) {
      headers[name] = quote(value);
    }
    if (corsOrigin) {
      headers['Access-Control-Allow-Origin'] = quote(corsOrigin);
      headers.Vary = quote('Origin');
    }
    api.addGatewayResponse('Default4xx', {
      type: apigateway.ResponseType.DEFAULT_4XX,
      responseHeaders: headers,
      // `$context.error.messageString` is API Gateway's short, already-quoted message ("Unauthorized",
      // "Invalid request body"): enough to fix a client, with no schema or backend detail.
      templates: { 'application/json': '{"message":$context.error.messageString,"requestId":"$context.requestId"}' },
    });
    api.addGatewayResponse('Default5xx', {
      type: apigateway.ResponseType.DEFAULT_5XX,
      responseHeaders: headers,
      templates: { 'application/json': '{"message":"Internal server error","requestId":"$context.requestId"}' },
    });
  }
}

/** Gateway response header values are mapping expressions: static values are single-quoted. */
function quote(value: string): string {
  return `'${value.replace(/'/g, '')}'`;
}
