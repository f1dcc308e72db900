import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Stack, aws_apigateway as apigateway, aws_cloudwatch_actions as actions, aws_sns as sns } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { cognitoApi, handler, newStack, ORDER_SCHEMA } from './secure-api-helpers';
import { ApiAuthorization, HttpMethod, SecureApi } from '../../src/constructs';
import { StackKey } from '../../src/constructs/common/stack-key';
import { ServerlessSecurityChecks } from '../../src/hosts';
import { tempDir } from '../support/temp-dirs';

/** cdk-nag findings of a scope, as "rule: construct path" lines. */
function nagFindings(stack: Stack): string[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
    pack.validateScope(stack).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName}: ${r.constructPath}`)));
}

/** A typical app: Cognito API with SecureFunctions, a validated POST, parameters, a public health check, CORS. */
function typicalStack(): Stack {
  const stack = newStack();
  const topic = new sns.Topic(stack, 'Alerts', { masterKey: StackKey.of(stack), enforceSSL: true });
  const api = cognitoApi(stack, { corsAllowOrigins: ['https://app.example.com'], alarmAction: new actions.SnsAction(topic) });
  const orders = handler(stack, 'Orders');
  api.addRoute({ path: '/orders', method: HttpMethod.POST, handler: orders, requestSchema: ORDER_SCHEMA, requiredHeaders: ['Idempotency-Key'], throttlingRateLimit: 10 });
  api.addRoute({ path: '/orders/{orderId}', method: HttpMethod.GET, handler: handler(stack, 'GetOrder') });
  api.addRoute({ path: '/health', method: HttpMethod.GET, handler: handler(stack, 'Health'), relaxations: { publicAccess: 'Liveness probe of the uptime monitor; returns a constant' } });
  return stack;
}

describe('compliance of the synthesized API', () => {
  test('a SecureApi with SecureFunctions has no cdk-nag finding (AwsSolutions, Serverless)', () => {
    expect(nagFindings(typicalStack())).toEqual([]);
  });

  test('our own audit reports no unacknowledged finding on the API, its log groups, web ACL or logging role', () => {
    const stack = typicalStack();
    const apiFindings = new ServerlessSecurityChecks().audit(stack)
      .filter((f) => /^S\/(Api|SecureApiGatewayAccountLogRole)\//.test(f.constructPath));
    expect(apiFindings.filter((f) => !f.acknowledged).map((f) => `${f.ruleId}: ${f.constructPath}`)).toEqual([]);
    expect(apiFindings.filter((f) => f.acknowledged).map((f) => `${f.ruleId}: ${f.constructPath}`))
      .toEqual(['SLS-APIGW-METHOD-AUTH: S/Api/Api/Default/health/GET/Resource']);
  });

  test('Lambda and IAM authorization are acknowledged for COG4 only, on their methods', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.lambdaToken(handler(stack, 'Authorizer')) });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    api.addRoute({ path: '/b', method: HttpMethod.GET, handler: handler(stack, 'B'), authorization: ApiAuthorization.iam() });
    expect(nagFindings(stack)).toEqual([]);
  });

  test('a plain method the construct cannot vouch for is still reported by cdk-nag', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    api.root.addResource('plain').addMethod('GET', new apigateway.MockIntegration(), { authorizationType: apigateway.AuthorizationType.IAM, authorizer: { authorizerId: '', authorizationType: apigateway.AuthorizationType.IAM } });
    expect(nagFindings(stack)).toContain('AwsSolutions-COG4: S/Api/Api/Default/plain/GET/Resource');
  });

  const cfnLint = spawnSync('cfn-lint', ['--version']).status === 0 ? test : test.skip;
  cfnLint('cfn-lint reports no error on the synthesized template', () => {
    const stack = typicalStack();
    const file = path.join(tempDir('secure-api'), 'template.json');
    fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
    const result = spawnSync('cfn-lint', ['--format', 'parseable', file], { encoding: 'utf8' });
    // cfn-lint exit status is a bit mask: 2 = errors, 4 = warnings, 8 = informational.
    const errors = result.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));
    expect(errors).toEqual([]);
    expect(Math.floor(result.status! / 2) % 2).toBe(0);
  });
});

describe('resource budget', () => {
  function resourceCount(routes: number): number {
    const stack = newStack();
    const api = cognitoApi(stack);
    for (let i = 0; i < routes; i++) {
      api.addRoute({ path: `/r${i}/{id}`, method: HttpMethod.POST, handler: handler(stack, `Fn${i}`), requestSchema: { ...ORDER_SCHEMA, description: `route ${i}` } });
    }
    return Object.keys(Template.fromStack(stack).toJSON().Resources).length;
  }

  test('a SecureFunction and its route (distinct model, path parameter) cost at most 12 resources; 40 routes fit in a stack', () => {
    const one = resourceCount(1);
    const forty = resourceCount(40);
    expect((forty - one) / 39).toBeLessThanOrEqual(12);
    expect(forty).toBeLessThan(500);
  });
});
