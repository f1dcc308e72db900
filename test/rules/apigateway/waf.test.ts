import { Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiWafRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiWafRule();

const MANAGED = {
  name: 'common',
  priority: 1,
  overrideAction: { none: {} },
  visibilityConfig: vis('common'),
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
};
const RATE = {
  name: 'rate',
  priority: 2,
  action: { block: {} },
  visibilityConfig: vis('rate'),
  statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'IP' } },
};

function vis(name: string) {
  return { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true };
}

function webAcl(stack: Stack, rules: wafv2.CfnWebACL.RuleProperty[]) {
  return new wafv2.CfnWebACL(stack, 'Acl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: vis('acl'), rules });
}

function restApi(stack: Stack, endpointTypes?: apigateway.EndpointType[]) {
  const api = new apigateway.RestApi(stack, 'Api', { endpointTypes });
  api.root.addMethod('GET');
  return api;
}

describe('SLS-APIGW-WAF', () => {
  test('compliant: web ACL with a managed group and a rate rule, associated through stage.stageArn', () => {
    const stack = newStack();
    const api = restApi(stack);
    new wafv2.CfnWebACLAssociation(stack, 'Assoc', { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl(stack, [MANAGED, RATE]).attrArn });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: association ARN built from the API and the literal stage name', () => {
    const stack = newStack();
    const api = restApi(stack);
    new wafv2.CfnWebACLAssociation(stack, 'Assoc', {
      resourceArn: Fn.join('', ['arn:aws:apigateway:', stack.region, '::/restapis/', api.restApiId, '/stages/prod']),
      webAclArn: webAcl(stack, [MANAGED, RATE]).attrArn,
    });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('no association', () => {
      const stack = newStack();
      restApi(stack);
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'no-web-acl' }]);
    });

    test('a web ACL without rate rule, and its managed group in count mode', () => {
      const stack = newStack();
      const api = restApi(stack);
      const counting = { ...MANAGED, overrideAction: { count: {} } };
      new wafv2.CfnWebACLAssociation(stack, 'Assoc', { resourceArn: api.deploymentStage.stageArn, webAclArn: webAcl(stack, [counting]).attrArn });
      expect(checkRule(rule, stack).map((r) => r.findingId).sort()).toEqual(['managed-rules', 'rate-rule']);
    });

    test('an association to another stage does not count (L1 stage)', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnStage(stack, 'Prod', { restApiId: api.ref, deploymentId: 'd', stageName: 'prod' });
      new wafv2.CfnWebACLAssociation(stack, 'Assoc', {
        resourceArn: Fn.join('', ['arn:aws:apigateway:eu-west-1::/restapis/', api.ref, '/stages/dev']),
        webAclArn: webAcl(stack, [MANAGED, RATE]).attrArn,
      });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'no-web-acl' }]);
    });
  });

  test('not applicable: private API', () => {
    const stack = newStack();
    restApi(stack, [apigateway.EndpointType.PRIVATE]);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: an imported web ACL is undecidable', () => {
    const stack = newStack();
    const api = restApi(stack);
    new wafv2.CfnWebACLAssociation(stack, 'Assoc', { resourceArn: api.deploymentStage.stageArn, webAclArn: Fn.importValue('SharedWebAclArn') });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/SharedWebAclArn/) }]);
  });

  test('raw override: removing the rate rule through an override is caught', () => {
    const stack = newStack();
    const api = restApi(stack);
    const acl = webAcl(stack, [MANAGED, RATE]);
    new wafv2.CfnWebACLAssociation(stack, 'Assoc', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });
    acl.addPropertyDeletionOverride('Rules.1');
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'rate-rule' }]);
  });
});
