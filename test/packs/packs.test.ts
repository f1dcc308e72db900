import { IRule, RuleCategory, Severity } from '../../src/core/rule';
import { RulePacks } from '../../src/packs/private/rule-packs';
import { ServerlessSecurityPack } from '../../src/packs/serverless-security-pack';
import { BuiltInRules } from '../../src/rules/builtin-rules';
import { RuleRegistry } from '../../src/rules/rule-registry';

/**
 * The exact rule ids of each pack, so that no rule is lost (or slipped in) by a refactor. When a rule lands in
 * BuiltInRules, add its id here, one line per rule, in the order of BuiltInRules.
 */
const PACK_RULE_IDS: { [pack: string]: string[] } = {
  ServerlessSecurity: [
    'SLS-LAMBDA-URL-AUTH',
    'SLS-LAMBDA-PERMISSION-PUBLIC',
    'SLS-LAMBDA-RUNTIME',
    'SLS-LAMBDA-CODE-SIGNING',
    'SLS-LAMBDA-LAYER-ORIGIN',
    'SLS-LAMBDA-LAYER-PUBLIC',
    'SLS-LAMBDA-RECURSIVE-LOOP',
    'SLS-LAMBDA-ENV-ENCRYPTION',
    'SLS-LAMBDA-ENV-SECRET',
    'SLS-LAMBDA-CODE-SECRET',
    'SLS-LAMBDA-TRACING',
    'SLS-LAMBDA-LOG-GROUP',
    'SLS-LAMBDA-LOG-FORMAT',
    'SLS-LAMBDA-ALARMS',
    'SLS-LAMBDA-ASYNC-FAILURE',
    'SLS-LAMBDA-CONCURRENCY',
    'SLS-LAMBDA-EVENT-SOURCE-FILTER',
    'SLS-LAMBDA-EVENT-SOURCE-FAILURE',
    'SLS-LOGS-RETENTION',
    'SLS-LOGS-ENCRYPTION',
    'SLS-LOGS-POLICY-PUBLIC',
    'SLS-IAM-WILDCARD-ACTION',
    'SLS-IAM-WILDCARD-RESOURCE',
    'SLS-IAM-NOT-ACTION',
    'SLS-IAM-ESCALATION',
    'SLS-IAM-MANAGED-POLICY',
    'SLS-IAM-ROLE-SHARED',
    'SLS-IAM-TRUST-POLICY',
    'SLS-IAM-RESOURCE-POLICY',
    'SLS-IAM-TRUST-SERVICE',
    'SLS-APIGW-POLICY-PUBLIC',
    'SLS-DYNAMODB-POLICY-PUBLIC',
    'SLS-ECR-POLICY-PUBLIC',
    'SLS-KINESIS-POLICY-PUBLIC',
    'SLS-KMS-KEY-ROTATION',
    'SLS-CUSTOMRESOURCE-SDK-CALL',
    'SLS-SQS-ENCRYPTION',
    'SLS-SQS-TLS-ONLY',
    'SLS-SQS-POLICY-PUBLIC',
    'SLS-SNS-ENCRYPTION',
    'SLS-SNS-TLS-ONLY',
    'SLS-SNS-POLICY-PUBLIC',
    'SLS-SNS-SUBSCRIPTION-DLQ',
    'SLS-EVENTS-PATTERN-SPECIFIC',
    'SLS-EVENTS-TARGET-DLQ',
    'SLS-EVENTS-BUS-POLICY-PUBLIC',
    'SLS-EVENTS-CONNECTION-SECRET',
    'SLS-SFN-TRACING',
    'SLS-SFN-LOGGING',
    'SLS-SFN-DEFINITION-SECRET',
    'SLS-SECRETSMANAGER-LITERAL',
    'SLS-DATASTORE-PASSWORD-LITERAL',
    'SLS-SSM-PARAMETER-SECRET',
    'SLS-TEMPLATE-OUTPUT-SECRET',
    'SLS-TEMPLATE-UNREADABLE',
    'SLS-DYNAMODB-ENCRYPTION',
    'SLS-DYNAMODB-RECOVERY',
    'SLS-S3-PUBLIC-ACCESS',
    'SLS-S3-TLS-ONLY',
    'SLS-APIGW-METHOD-AUTH',
    'SLS-APIGW-BODY-VALIDATION',
    'SLS-APIGW-PARAM-VALIDATION',
    'SLS-APIGW-MODEL-SCHEMA',
    'SLS-APIGW-MAPPING-INJECTION',
    'SLS-APIGW-DATA-TRACE',
    'SLS-APIGW-ACCESS-LOG',
    'SLS-APIGW-EXECUTION-LOG',
    'SLS-APIGW-TRACING',
    'SLS-APIGW-THROTTLING',
    'SLS-APIGW-WAF',
    'SLS-APIGW-DOMAIN-TLS',
    'SLS-APIGW-DEFAULT-ENDPOINT',
    'SLS-APIGW-CORS',
    'SLS-APIGW-STAGE-VAR-SECRET',
    'SLS-APIGW-INTEGRATION-SECRET',
    'SLS-APIGW-ALARMS',
    'SLS-HTTPAPI-ROUTE-AUTH',
    'SLS-HTTPAPI-ACCESS-LOG',
    'SLS-HTTPAPI-THROTTLING',
    'SLS-HTTPAPI-CORS',
    'SLS-HTTPAPI-STAGE-VAR-SECRET',
    'SLS-SAM-API-AUTH',
    'SLS-APPSYNC-AUTH',
    'SLS-APPSYNC-RESOLVER-SECRET',
    'SLS-COGNITO-PASSWORD-POLICY',
    'SLS-COGNITO-MFA',
    'SLS-COGNITO-UNAUTH-IDENTITIES',
    'SLS-COGNITO-SELF-SIGN-UP',
    'SLS-COGNITO-CLIENT-FLOWS',
    'SLS-CLOUDFRONT-VIEWER-HTTPS',
    'SLS-CLOUDFRONT-VIEWER-TLS',
    'SLS-CLOUDFRONT-ORIGIN-ACCESS',
    'SLS-CLOUDFRONT-ORIGIN-HEADER-SECRET',
    'SLS-CLOUDFRONT-FUNCTION-SECRET',
    'SLS-CLOUDFRONT-SECURITY-HEADERS',
    'SLS-CLOUDFRONT-WAF',
    'SLS-CLOUDFRONT-LOGGING',
    'SLS-S3-ACCESS-LOGGING',
  ],
};

function fakeRule(id: string): IRule {
  return {
    id,
    resourceTypes: ['AWS::SQS::Queue'],
    category: RuleCategory.CONFIGURATION,
    severity: Severity.WARNING,
    description: 'The queue is fine.',
    remediation: 'Make it fine.',
    check: () => [],
  };
}

describe('packs', () => {
  test.each([new ServerlessSecurityPack()].map((pack) => [pack.name, pack] as const))('%s holds exactly its pinned rule ids', (_name, pack) => {
    expect(pack.entries.map((e) => e.ruleId)).toEqual(PACK_RULE_IDS[pack.name]);
  });

  test('ServerlessSecurityPack runs every built-in rule', () => {
    const props = RulePacks.engineProps(new ServerlessSecurityPack());
    expect(props.rules.map((r) => r.id)).toEqual(BuiltInRules.all().map((r) => r.id));
  });

  test('a pack entry may change a rule\'s severity', () => {
    const registry = new RuleRegistry();
    registry.register(fakeRule('A-1'));
    registry.register(fakeRule('B-2'));
    const props = RulePacks.engineProps({ name: 'P', entries: [{ ruleId: 'A-1', severity: Severity.ERROR }, { ruleId: 'B-2' }] }, [], registry);
    expect(props.rules.map((r) => r.id)).toEqual(['A-1', 'B-2']);
    expect(props.severityOverrides).toEqual({ 'A-1': Severity.ERROR });
  });

  test('a pack naming an unregistered rule fails with the known ids', () => {
    const registry = new RuleRegistry();
    registry.register(fakeRule('A-1'));
    expect(() => RulePacks.engineProps({ name: 'P', entries: [{ ruleId: 'NOPE' }] }, [], registry))
      .toThrow(/Rule pack P names rule NOPE, which is not registered\. Registered rules: A-1\./);
  });

  test('additional rules run after the pack\'s, and may not reuse a pack rule id', () => {
    const registry = new RuleRegistry();
    registry.register(fakeRule('A-1'));
    const pack = { name: 'P', entries: [{ ruleId: 'A-1' }] };
    expect(RulePacks.engineProps(pack, [fakeRule('MINE-1')], registry).rules.map((r) => r.id)).toEqual(['A-1', 'MINE-1']);
    expect(() => RulePacks.engineProps(pack, [fakeRule('A-1')], registry)).toThrow(/\[RULE006\] rule "A-1" is both in pack P and in additionalRules/);
  });
});
