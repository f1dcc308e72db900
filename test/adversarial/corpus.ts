import { CfnCondition, CfnMapping, CfnOutput, CfnParameter, CfnResource, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';

/**
 * An adversarial corpus: small apps, each with one flaw written the way a hurried or hostile author writes it (an
 * intrinsic, an escape hatch, a condition value that narrows nothing, a SAM resource...), and what a finding naming
 * it looks like. A case is missed when no unacknowledged finding matches: the audit said nothing, or only something
 * else. `control` cases are secure twins: they must get no error.
 */
export interface CorpusCase {
  readonly name: string;
  readonly build: (stack: Stack) => void;
  /** Matched against `<ruleId> <message>` of unacknowledged findings; undefined for a control. */
  readonly names?: RegExp;
  /** The finding must be an error (an exposure), not only a warning or "unable to decide". */
  readonly error?: boolean;
}

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

function fn(stack: Stack, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code, ...props });
}

function undecided(stack: Stack, id = 'IsProd'): CfnCondition {
  const env = new CfnParameter(stack, `${id}Env`, { type: 'String' });
  return new CfnCondition(stack, id, { expression: Fn.conditionEquals(env.valueAsString, 'prod') });
}

function publicQueuePolicy(stack: Stack, condition?: any): void {
  const queue = new sqs.Queue(stack, 'Queue', { enforceSSL: true });
  queue.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [queue.queueArn], conditions: condition,
  }));
}

function policy(stack: Stack, statements: iam.PolicyStatement[]): void {
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  new iam.Policy(stack, 'Policy', { roles: [role], statements });
}

function githubTrust(stack: Stack, conditions: any): void {
  const provider = new iam.OpenIdConnectProvider(stack, 'GitHub', {
    url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'],
  });
  new iam.Role(stack, 'Deploy', { assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn, conditions) });
}

function restApi(stack: Stack, configure: (api: apigateway.RestApi, handler: lambda.Function) => void): void {
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { tracingEnabled: true } });
  configure(api, fn(stack, 'Handler'));
}

export const CORPUS: CorpusCase[] = [
  // --- 1. One value model: a flaw written through an intrinsic is the same flaw -----------------------------------
  {
    name: 'public function URL through Fn::FindInMap',
    names: /URL-AUTH/,
    error: true,
    build: (s) => {
      new CfnMapping(s, 'Auth', { mapping: { dev: { Type: 'NONE' } } });
      new lambda.CfnUrl(s, 'Url', { targetFunctionArn: fn(s).functionArn, authType: Fn.findInMap('Auth', 'dev', 'Type') });
    },
  },
  {
    name: 'public function URL through Fn::Select of Fn::Split',
    names: /URL-AUTH/,
    error: true,
    build: (s) => {
      new lambda.CfnUrl(s, 'Url', { targetFunctionArn: fn(s).functionArn, authType: Fn.select(1, Fn.split(',', 'AWS_IAM,NONE')) });
    },
  },
  {
    name: 'public function URL in both branches of Fn::If',
    names: /URL-AUTH/,
    error: true,
    build: (s) => {
      new lambda.CfnUrl(s, 'Url', {
        targetFunctionArn: fn(s).functionArn, authType: Fn.conditionIf(undecided(s).logicalId, 'NONE', Fn.join('', ['NO', 'NE'])).toString(),
      });
    },
  },
  {
    name: 'public function URL in one branch of Fn::If',
    names: /URL-AUTH/,
    build: (s) => {
      new lambda.CfnUrl(s, 'Url', { targetFunctionArn: fn(s).functionArn, authType: Fn.conditionIf(undecided(s).logicalId, 'AWS_IAM', 'NONE').toString() });
    },
  },
  {
    name: 'public Lambda permission through Fn::Join',
    names: /PERMISSION|PUBLIC|anyone|every/i,
    error: true,
    build: (s) => {
      new lambda.CfnPermission(s, 'Perm', { action: 'lambda:InvokeFunction', functionName: fn(s).functionName, principal: Fn.join('', ['*']) });
    },
  },
  {
    name: 'wildcard action through Fn::Split',
    names: /WILDCARD-ACTION|ESCALATION/,
    error: true,
    build: (s) => {
      const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new iam.CfnPolicy(s, 'Raw', {
        policyName: 'p',
        roles: [role.roleName],
        policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Fn.split(',', 's3:GetObject,*'), Resource: '*' }] },
      });
    },
  },
  {
    name: 'delete on a resource that comes from a parameter is not "specific"',
    names: /WILDCARD-RESOURCE|unknown|Unable to decide/i,
    build: (s) => {
      const arn = new CfnParameter(s, 'BucketArn', { type: 'String' });
      policy(s, [new iam.PolicyStatement({ actions: ['s3:DeleteObject', 's3:PutObject'], resources: [arn.valueAsString] })]);
    },
  },
  {
    name: 'queue policy principal from a parameter is not "named"',
    names: /POLICY|Unable to decide/i,
    build: (s) => {
      const who = new CfnParameter(s, 'Who', { type: 'String' });
      const queue = new sqs.Queue(s, 'Queue', { enforceSSL: true });
      queue.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(who.valueAsString)], actions: ['sqs:*'], resources: [queue.queueArn] }));
    },
  },
  {
    name: 'secret-looking variable from an SSM parameter value',
    names: /ENV-SECRET/,
    build: (s) => {
      const param = new CfnResource(s, 'Pw', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'x' } });
      fn(s, 'Fn', { environment: { DB_PASSWORD: param.getAtt('Value').toString() } });
    },
  },
  {
    name: 'literal secret assembled by Fn::Sub variables',
    names: /ENV-SECRET/,
    error: true,
    build: (s) => {
      fn(s, 'Fn', { environment: { STRIPE_KEY: Fn.sub('${A}${B}', { A: SECRET.slice(0, 10), B: SECRET.slice(10) }) } });
    },
  },
  // --- 2. Narrowing by meaning, not syntax ----------------------------------------------------------------------
  {
    name: 'public queue policy "narrowed" by aws:SourceAccount *',
    names: /PUBLIC|anyone|every/i,
    error: true,
    build: (s) =>
      publicQueuePolicy(s, { StringLike: { 'aws:SourceAccount': '*' } }),
  },
  {
    name: 'public queue policy "narrowed" by aws:SourceIp 0.0.0.0/0',
    names: /PUBLIC|anyone|every/i,
    error: true,
    build: (s) =>
      publicQueuePolicy(s, { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }),
  },
  {
    name: 'public queue policy "narrowed" by aws:SourceArn arn:aws:s3:::*',
    names: /PUBLIC|anyone|every/i,
    error: true,
    build: (s) =>
      publicQueuePolicy(s, { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } }),
  },
  {
    name: 'public queue policy "narrowed" by a ?-only PrincipalArn pattern',
    names: /PUBLIC|anyone|every/i,
    error: true,
    build: (s) =>
      publicQueuePolicy(s, { StringLike: { 'aws:PrincipalArn': '???' } }),
  },
  {
    name: 'public queue policy "narrowed" by an account wildcard ARN',
    names: /PUBLIC|anyone|every/i,
    error: true,
    build: (s) =>
      publicQueuePolicy(s, { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:*' } }),
  },
  {
    name: 'GitHub OIDC trust bound to every repository',
    names: /TRUST|OIDC|sub/i,
    error: true,
    build: (s) =>
      githubTrust(s, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }),
  },
  {
    name: 'GitHub OIDC trust without an audience',
    names: /TRUST|OIDC|aud/i,
    error: true,
    build: (s) =>
      githubTrust(s, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } }),
  },
  {
    name: 'Cognito identity trust without amr',
    names: /TRUST|cognito|amr/i,
    error: true,
    build: (s) => {
      new iam.Role(s, 'Authed', {
        assumedBy: new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:11111111-2222-3333-4444-555555555555' },
        }, 'sts:AssumeRoleWithWebIdentity'),
      });
    },
  },
  // --- 3. No silent blind spots -------------------------------------------------------------------------------------
  {
    name: 'SAM function with a public function URL',
    names: /URL|SAM|Serverless|transform/i,
    build: (s) => {
      s.addTransform('AWS::Serverless-2016-10-31');
      new CfnResource(s, 'SamFn', {
        type: 'AWS::Serverless::Function',
        properties: {
          Runtime: 'nodejs22.x', Handler: 'index.handler', InlineCode: 'x', FunctionUrlConfig: { AuthType: 'NONE' },
        },
      });
    },
  },
  {
    name: 'SAM API event without auth',
    names: /AUTH|SAM|Serverless|transform/i,
    build: (s) => {
      s.addTransform('AWS::Serverless-2016-10-31');
      new CfnResource(s, 'SamFn', {
        type: 'AWS::Serverless::Function',
        properties: {
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          InlineCode: 'x',
          Events: { Api: { Type: 'Api', Properties: { Path: '/orders', Method: 'post' } } },
        },
      });
    },
  },
  {
    name: 'HTTP API defined by an OpenAPI body',
    names: /OpenAPI|Body|Unable to decide/i,
    build: (s) => {
      new apigwv2.CfnApi(s, 'HttpApi', { body: { openapi: '3.0.1', info: { title: 'x', version: '1' }, paths: { '/': { get: {} } } } });
    },
  },
  // --- 4. Exposure sinks ----------------------------------------------------------------------------------------------
  {
    name: 'IAM-auth REST API whose resource policy opens it to every account',
    names: /POLICY|every|anyone|public/i,
    error: true,
    build: (s) =>
      restApi(s, (api, handler) => {
        api.root.addMethod('GET', new apigateway.LambdaIntegration(handler), { authorizationType: apigateway.AuthorizationType.IAM });
        (api.node.defaultChild as apigateway.CfnRestApi).policy = {
          Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
        };
      }),
  },
  {
    name: 'DynamoDB resource policy open to everyone',
    names: /POLICY|public|anyone|every/i,
    error: true,
    build: (s) => {
      new dynamodb.CfnTable(s, 'Table', {
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
        resourcePolicy: { policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: '*' }] } },
      });
    },
  },
  {
    name: 'ECR repository policy open to everyone',
    names: /POLICY|public|anyone|every/i,
    error: true,
    build: (s) => {
      const repo = new ecr.Repository(s, 'Repo');
      repo.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }));
    },
  },
  {
    name: 'Kinesis stream feeding a function, opened to everyone by an override of its resource policy',
    names: /KINESIS-POLICY|anyone|every/i,
    error: true,
    build: (s) => {
      const stream = new kinesis.Stream(s, 'Stream', { encryption: kinesis.StreamEncryption.MANAGED });
      stream.grantRead(new iam.AccountPrincipal('222222222222'));
      const streamPolicy = s.node.findAll().find((c) => c instanceof kinesis.CfnResourcePolicy) as kinesis.CfnResourcePolicy;
      streamPolicy.addPropertyOverride('ResourcePolicy.Statement.0.Principal', { AWS: '*' });
      streamPolicy.addPropertyOverride('ResourcePolicy.Statement.0.Action', ['kinesis:PutRecord', 'kinesis:GetRecords']);
    },
  },
  {
    name: 'log group anyone can write forged events into (policy written as JSON text naming the group)',
    names: /LOGS-POLICY|anyone|every/i,
    error: true,
    build: (s) => {
      const group = new logs.LogGroup(s, 'Audit', { retention: logs.RetentionDays.ONE_YEAR });
      group.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()], actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [group.logGroupArn],
      }));
    },
  },
  {
    name: 'layer published to every AWS account through an L1 permission',
    names: /LAYER-PUBLIC/,
    build: (s) => {
      new lambda.CfnLayerVersionPermission(s, 'Share', { action: 'lambda:GetLayerVersion', layerVersionArn: Fn.sub('arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:tools:1'), principal: '*' });
    },
  },
  {
    name: 'SSM parameter holding a vendor key assembled by Fn::Join, named plainly',
    names: /SSM-PARAMETER-SECRET/,
    error: true,
    build: (s) => {
      new ssm.StringParameter(s, 'PaymentsConfig', { parameterName: '/app/payments/config', stringValue: Fn.join('', ['sk_live_', '4eC39HqLyjWDarjtT1zdp7dc']) });
    },
  },
  {
    name: 'CloudFront origin verification header added by an escape hatch',
    names: /ORIGIN-HEADER-SECRET/,
    error: true,
    build: (s) => {
      const distribution = new cloudfront.Distribution(s, 'Cdn', { defaultBehavior: { origin: new origins.HttpOrigin('api.example.com') } });
      (distribution.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.Origins.0.OriginCustomHeaders',
        [{ HeaderName: 'X-Origin-Verify', HeaderValue: '7f3c9a2e-1b4d-4e8f-9a6c-2d5e8f1a3b7c' }]);
    },
  },
  {
    name: 'database master password written through Fn::Sub of literals',
    names: /DATASTORE-PASSWORD/,
    error: true,
    build: (s) => {
      new rds.CfnDBCluster(s, 'Db', { engine: 'aurora-postgresql', masterUsername: 'admin', masterUserPassword: Fn.sub('${Word}-2024!', { Word: 'Summer' }) });
    },
  },
  {
    name: 'AWS access key pasted into inline code, assembled by Fn::Join around the region',
    names: /CODE-SECRET/,
    error: true,
    build: (s) => {
      fn(s, 'Fn', { code: lambda.Code.fromInline(Fn.join('', ['const region = "', s.region, '"; const creds = { accessKeyId: "AKIAIOSFODNN7EXAMPLE" };'])) });
    },
  },
  {
    name: 'site protected by a Basic-auth CloudFront function whose credential sits in the code',
    names: /CLOUDFRONT-FUNCTION-SECRET/,
    error: true,
    build: (s) => {
      new cloudfront.Function(s, 'BasicAuth', {
        runtime: cloudfront.FunctionRuntime.JS_2_0,
        code: cloudfront.FunctionCode.fromInline('function handler(event) { var h = event.request.headers; '
          + 'if (!h.authorization || h.authorization.value !== "Basic " + "YWRtaW46c2VjcmV0cGFzcw==") { return { statusCode: 401 }; } return event.request; }'),
      });
    },
  },
  {
    name: 'Lambda permission for S3 with a wildcard SourceArn',
    names: /PERMISSION|SourceArn|confused|every/i,
    error: true,
    build: (s) => {
      new lambda.CfnPermission(s, 'Perm', {
        action: 'lambda:InvokeFunction', functionName: fn(s).functionName, principal: 's3.amazonaws.com', sourceArn: 'arn:aws:s3:::*',
      });
    },
  },
  {
    name: 'AppSync API whose only auth is an API key',
    names: /APPSYNC|API key/i,
    error: true,
    build: (s) => {
      new appsync.CfnGraphQLApi(s, 'Graph', { name: 'g', authenticationType: 'API_KEY' });
    },
  },
  {
    name: 'HTTP API stage variable holding a secret',
    names: /STAGE-VAR|secret/i,
    error: true,
    build: (s) => {
      const api = new apigwv2.CfnApi(s, 'HttpApi', { name: 'h', protocolType: 'HTTP' });
      new apigwv2.CfnStage(s, 'Stage', { apiId: api.ref, stageName: '$default', stageVariables: { STRIPE_SECRET_KEY: SECRET } });
    },
  },
  {
    name: 'Secrets Manager secret with a plain-text value in the template',
    names: /SECRET/i,
    error: true,
    build: (s) => {
      new secretsmanager.Secret(s, 'Secret', { secretStringValue: SecretValue.unsafePlainText(SECRET) });
    },
  },
  {
    name: 'EventBridge connection with a literal API key',
    names: /CONNECTION|secret|API key/i,
    error: true,
    build: (s) => {
      new events.CfnConnection(s, 'Conn', { authorizationType: 'API_KEY', authParameters: { apiKeyAuthParameters: { apiKeyName: 'x-api-key', apiKeyValue: SECRET } } });
    },
  },
  {
    name: 'integration request header holding a literal secret',
    names: /secret|header|HEADER/i,
    error: true,
    build: (s) =>
      restApi(s, (api) => {
        api.root.addMethod('GET', new apigateway.HttpIntegration('https://example.com', {
          options: { requestParameters: { 'integration.request.header.Authorization': `'Bearer ${SECRET}'` } },
        }), { authorizationType: apigateway.AuthorizationType.IAM });
      }),
  },
  {
    name: 'stack output holding a secret',
    names: /OUTPUT|secret/i,
    error: true,
    build: (s) => {
      new CfnOutput(s, 'ApiKey', { value: SECRET });
    },
  },
  {
    name: 'Step Functions definition with a secret written through Fn::Sub',
    names: /STEPFUNCTIONS|DEFINITION|secret/i,
    error: true,
    build: (s) => {
      new sfn.CfnStateMachine(s, 'Machine', {
        roleArn: new iam.Role(s, 'SfnRole', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') }).roleArn,
        definitionString: Fn.sub('{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"apiKey":"${K}"},"End":true}}}', { K: SECRET }),
      });
    },
  },
  {
    name: 'AwsCustomResource attaching AdministratorAccess to a role',
    names: /CUSTOM|escalat|attachRolePolicy|IAM/i,
    error: true,
    build: (s) => {
      const role = new iam.Role(s, 'Victim', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new cr.AwsCustomResource(s, 'Attach', {
        onCreate: { service: 'IAM', action: 'attachRolePolicy', parameters: { RoleName: role.roleName, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, physicalResourceId: cr.PhysicalResourceId.of('x') },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [role.roleArn] }),
      });
    },
  },
  {
    name: 'AwsCustomResource making a function public with addPermission',
    names: /CUSTOM|public|addPermission|anyone/i,
    error: true,
    build: (s) => {
      const target = fn(s, 'Target');
      new cr.AwsCustomResource(s, 'Open', {
        onCreate: { service: 'Lambda', action: 'addPermission', parameters: { FunctionName: target.functionName, Principal: '*', Action: 'lambda:InvokeFunction', StatementId: 'open' }, physicalResourceId: cr.PhysicalResourceId.of('x') },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [target.functionArn] }),
      });
    },
  },
  {
    name: 'KMS customer-managed key without rotation',
    names: /KMS|rotation/i,
    build: (s) => {
      new kms.Key(s, 'Key', { enableKeyRotation: false });
    },
  },
  {
    name: 'Cognito app client allowing ALLOW_USER_PASSWORD_AUTH',
    names: /COGNITO|USER_PASSWORD|password auth/i,
    error: true,
    build: (s) => {
      const pool = new cognito.UserPool(s, 'Pool');
      pool.addClient('Client', { authFlows: { userPassword: true } });
    },
  },
  // --- 5. Request validation that cannot be bypassed ------------------------------------------------------------------
  {
    name: 'body validated only for application/json',
    names: /BODY-VALIDATION|Content-Type|content type/i,
    error: true,
    build: (s) =>
      restApi(s, (api, handler) => {
        const model = api.addModel('Order', { schema: { type: apigateway.JsonSchemaType.OBJECT, required: ['id'], additionalProperties: false, properties: { id: { type: apigateway.JsonSchemaType.STRING, maxLength: 10 } } } });
        api.root.addMethod('POST', new apigateway.LambdaIntegration(handler), {
          authorizationType: apigateway.AuthorizationType.IAM,
          requestValidatorOptions: { validateRequestBody: true },
          requestModels: { 'application/json': model },
        });
      }),
  },
  {
    name: 'mapping-template injection into a DynamoDB request',
    names: /INJECTION|escapeJavaScript|template/i,
    error: true,
    build: (s) =>
      restApi(s, (api) => {
        const role = new iam.Role(s, 'ApiRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
        api.root.addMethod('GET', new apigateway.AwsIntegration({
          service: 'dynamodb',
          action: 'Query',
          options: {
            credentialsRole: role,
            requestTemplates: {
              'application/json': '{"TableName":"t","KeyConditionExpression":"pk = :v","ExpressionAttributeValues":{":v":{"S":"$input.params(\'id\')"}}}',
            },
          },
        }), { authorizationType: apigateway.AuthorizationType.IAM });
      }),
  },
  // --- 6. Exemptions are proven, not claimed ------------------------------------------------------------------------
  {
    name: 'a user role placed inside a Provider scope',
    names: /WILDCARD|ESCALATION/,
    error: true,
    build: (s) => {
      const provider = new cr.Provider(s, 'Provider', { onEventHandler: fn(s, 'OnEvent') });
      const role = new iam.Role(provider, 'SneakyRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
    },
  },
  {
    name: 'a user function claiming to be aws-cdk-lib\'s through metadata',
    names: /URL-AUTH/,
    error: true,
    build: (s) => {
      const f = fn(s, 'Claims');
      f.node.addMetadata('aws:cdk:is-custom-resource-handler-singleton', true);
      (f.node.defaultChild as CfnResource).addMetadata('aws:cdk:is-custom-resource-handler-singleton', true);
      f.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    },
  },
  // --- 7. Severity follows what a permission can do ---------------------------------------------------------------------
  {
    name: 'iam:* on the function\'s own role',
    names: /ESCALATION|WILDCARD-ACTION/,
    error: true,
    build: (s) => {
      const f = fn(s);
      f.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:*'], resources: [f.role!.roleArn] }));
    },
  },
  {
    name: 'AWSLambdaRole managed policy (lambda:InvokeFunction on *)',
    names: /MANAGED|InvokeFunction/,
    build: (s) => {
      fn(s, 'Fn').role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaRole'));
    },
  },
  {
    name: 'secretsmanager:GetSecretValue on *',
    names: /WILDCARD|GetSecretValue/,
    error: true,
    build: (s) => {
      fn(s).addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }));
    },
  },
  {
    name: 'dynamodb:* on one table',
    names: /WILDCARD-ACTION|dynamodb:\*/,
    error: true,
    build: (s) => {
      const table = new dynamodb.TableV2(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      fn(s).addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: [table.tableArn] }));
    },
  },
  // --- Controls: secure twins get no error ---------------------------------------------------------------------------------
  { name: 'control: IAM function URL', build: (s) => { fn(s).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM }); } },
  { name: 'control: queue policy narrowed to one account', build: (s) => publicQueuePolicy(s, { StringEquals: { 'aws:SourceAccount': '111111111111' } }) },
  {
    name: 'control: GitHub OIDC trust bound to one repository',
    build: (s) => githubTrust(s, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' },
    }),
  },
  {
    name: 'control: secret by reference',
    build: (s) => {
      const secret = new secretsmanager.Secret(s, 'Secret');
      const f = fn(s, 'Fn', { environment: { DB_PASSWORD_ARN: secret.secretArn } });
      secret.grantRead(f);
    },
  },
  {
    name: 'control: read-only S3 on one bucket',
    build: (s) => {
      const bucket = new s3.Bucket(s, 'Bucket', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
      bucket.grantRead(fn(s));
    },
  },
  {
    name: 'control: publishable keys are not secrets',
    build: (s) => {
      fn(s, 'Fn', { environment: { STRIPE_PUBLISHABLE_KEY: 'pk_live_51HxAbCdEfGhIjKlMnOpQrStUv', VAPID_PUBLIC_KEY: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U', JWKS_URL: 'https://example.com/.well-known/jwks.json' } });
    },
  },
  {
    name: 'control: stream read by one named account',
    build: (s) => { new kinesis.Stream(s, 'Stream', { encryption: kinesis.StreamEncryption.MANAGED }).grantRead(new iam.AccountPrincipal('222222222222')); },
  },
  {
    name: 'control: log group written by EventBridge rules of this account only',
    build: (s) => {
      const group = new logs.LogGroup(s, 'Events', { retention: logs.RetentionDays.ONE_YEAR });
      group.grantWrite(new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { ArnLike: { 'aws:SourceArn': s.formatArn({ service: 'events', resource: 'rule', resourceName: '*' }) } },
      }));
    },
  },
  {
    name: 'control: SSM parameter holding the ARN of the secret',
    build: (s) => { new ssm.StringParameter(s, 'DbSecretArn', { parameterName: '/app/db/secret-arn', stringValue: new secretsmanager.Secret(s, 'Db').secretArn }); },
  },
  {
    name: 'control: database password from a generated secret',
    build: (s) => {
      const secret = new secretsmanager.Secret(s, 'DbSecret', { generateSecretString: { secretStringTemplate: '{"username":"admin"}', generateStringKey: 'password' } });
      new rds.CfnDBCluster(s, 'Db', { engine: 'aurora-postgresql', masterUsername: 'admin', masterUserPassword: secret.secretValueFromJson('password').unsafeUnwrap() });
    },
  },
  {
    name: 'control: the AppSync API key of a public API in an output, as AppSync samples print it',
    build: (s) => { new CfnOutput(s, 'GraphQLApiKey', { value: new appsync.CfnApiKey(s, 'Key', { apiId: 'api' }).attrApiKey }); },
  },
  { name: 'control: kms key with rotation', build: (s) => { new kms.Key(s, 'Key', { enableKeyRotation: true }); } },
];
