/* eslint-disable no-console */
/**
 * SecureApi + SecureFunction vs plain RestApi + lambda.Function: CloudFormation resources and synth CPU per route
 * (one function and its POST route with a body model), measured in the same run (warm-up first,
 * builtinCloudFormationValidation off).
 *
 *   npx ts-node --transpile-only bench/secure-api.bench.ts
 *
 * - marginal resources per route: (resources of a stack with 40 routes - with 20 routes) / 20, so the API's fixed
 *   cost (stage, WAF, logs, alarms, shared key...) is excluded. The target is <= 12 (AWS Solutions Constructs'
 *   ApiGatewayToLambda costs 15 per function + API).
 * - resources per route: everything in the stack divided by its routes, fixed cost included, at 40 routes per stack.
 * - CPU per route: user + system CPU of constructing and synthesizing 3 stacks of 40 routes, divided by 120.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, aws_apigateway as apigateway, aws_cognito as cognito, aws_lambda as lambda } from 'aws-cdk-lib';
import { ApiAuthorization, HttpMethod, SecureApi, SecureFunction } from '../src/constructs';

type Kind = 'plain' | 'secure';
const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const ROUTES_PER_STACK = 40;

/** A distinct strict schema per route: the worst case (no model sharing). */
function schema(i: number): apigateway.JsonSchema {
  return {
    type: apigateway.JsonSchemaType.OBJECT,
    additionalProperties: false,
    required: ['id'],
    properties: { id: { type: apigateway.JsonSchemaType.STRING, maxLength: 36 }, [`field${i}`]: { type: apigateway.JsonSchemaType.INTEGER } },
  };
}

/** Builds `routes` routes across stacks of ROUTES_PER_STACK and synthesizes them. */
function build(kind: Kind, routes: number, perStack = ROUTES_PER_STACK) {
  const start = process.cpuUsage();
  const app = new App({ builtinCloudFormationValidation: false } as any);
  let addRoute!: (i: number, stack: Stack) => void;
  let stack!: Stack;
  for (let i = 0; i < routes; i++) {
    if (i % perStack === 0) {
      stack = new Stack(app, `S${i / perStack}`);
      if (kind === 'plain') {
        const api = new apigateway.RestApi(stack, 'Api', { cloudWatchRole: true });
        const validator = api.addRequestValidator('Validator', { validateRequestBody: true });
        addRoute = (n, s) => {
          const fn = new lambda.Function(s, `Fn${n}`, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code });
          const model = api.addModel(`Model${n}`, { schema: schema(n) });
          api.root.resourceForPath(`/items${n}`).addMethod('POST', new apigateway.LambdaIntegration(fn), {
            requestModels: { 'application/json': model }, requestValidator: validator,
          });
        };
      } else {
        const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_abcdefghi');
        const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.cognito({ userPools: [pool] }) });
        addRoute = (n, s) => {
          const fn = new SecureFunction(s, `Fn${n}`, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code });
          api.addRoute({ path: `/items${n}`, method: HttpMethod.POST, handler: fn, requestSchema: schema(n) });
        };
      }
    }
    addRoute(i, stack);
  }
  const assembly = app.synth();
  const cpu = process.cpuUsage(start);
  const resources = assembly.stacks.map((s) => Object.keys(s.template.Resources ?? {}).length);
  return { resources, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function measure(kind: Kind) {
  const twenty = build(kind, 20).resources[0];
  const forty = build(kind, 40).resources[0];
  const run = build(kind, 3 * ROUTES_PER_STACK);
  return {
    kind,
    marginalResourcesPerRoute: (forty - twenty) / 20,
    resourcesPerRouteAt40: +(forty / 40).toFixed(2),
    resourcesPerStackAt40: forty,
    cpuMsPerRoute: +(run.cpuMs / (3 * ROUTES_PER_STACK)).toFixed(2),
  };
}

build('plain', 10); build('secure', 10); // warm-up: module loading and JIT
const plain = measure('plain');
const secure = measure('secure');
console.table([plain, secure]);
console.log(`secure/plain CPU per route: ${(secure.cpuMsPerRoute / plain.cpuMsPerRoute).toFixed(2)}x; `
  + `routes per stack under the 500-resource limit: ${Math.floor((500 - (secure.resourcesPerStackAt40 - 40 * secure.marginalResourcesPerRoute)) / secure.marginalResourcesPerRoute)}`);

const out = path.join(__dirname, 'results');
fs.mkdirSync(out, { recursive: true });
const file = path.join(out, 'secure-api.json');
fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, results: [plain, secure] }, null, 2));
console.log(`written ${file}`);
