import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaLayerOriginRule } from '../../../src/rules/lambda/layer-origin';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaLayerOriginRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;
const FOREIGN = 'arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsTypeScriptV2:20';

describe('SLS-LAMBDA-LAYER-ORIGIN', () => {
  test.each<Scenario>([
    ['L2 with a layer of the same stack', (s) => newFunction(s, 'Fn', {
      layers: [new lambda.LayerVersion(s, 'Layer', { code: lambda.Code.fromAsset(__dirname) })],
    })],
    ['L2 with a layer ARN in the deploying account', (s) => newFunction(s, 'Fn', {
      layers: [lambda.LayerVersion.fromLayerVersionArn(s, 'Layer', `arn:aws:lambda:${s.region}:${s.account}:layer:shared:3`)],
    })],
    ['L1 with a layer ARN built with Fn::Sub and AWS::AccountId', (s) => newCfnFunction(s, 'Fn', {
      layers: [Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:layer:shared:3')],
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: a foreign account on the allow-list', () => {
    const stack = newStack();
    newCfnFunction(stack, 'Fn', { layers: [FOREIGN] });
    expect(checkRule(new LambdaLayerOriginRule({ allowedAccounts: ['017000801446'] }), stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[]]>([
    ['L2 with a layer from another account', (s) => newFunction(s, 'Fn', {
      layers: [lambda.LayerVersion.fromLayerVersionArn(s, 'Layer', FOREIGN)],
    }), [{ kind: V, findingId: 'AWSLambdaPowertoolsTypeScriptV2' }]],
    ['L1 with one own and one foreign layer', (s) => newCfnFunction(s, 'Fn', {
      layers: [Fn.sub('arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:own:1'), 'arn:aws:lambda:eu-west-1:444455556666:layer:other:2'],
    }), [{ kind: V, findingId: 'other' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(summary(checkRule(rule, stack))).toEqual(expected);
  });

  test('non-compliant: the finding names the account and where the layer is', () => {
    const stack = newStack();
    newCfnFunction(stack, 'Fn', { layers: ['arn:aws:lambda:eu-west-1:111122223333:layer:own:1', FOREIGN] });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.location)).toEqual(['Properties/Layers/0', 'Properties/Layers/1']);
    expect(results[1].detail).toMatch(/account 017000801446/);
  });

  test('not applicable: functions without layers', () => {
    const stack = newStack();
    newFunction(stack);
    newCfnFunction(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['a layer ARN from a parameter', (s) => newCfnFunction(s, 'Fn', {
      layers: [new CfnParameter(s, 'LayerArn').valueAsString],
    }), /parameter LayerArn/],
    ['a layer ARN imported from another stack', (s) => newFunction(s, 'Fn', {
      layers: [lambda.LayerVersion.fromLayerVersionArn(s, 'Layer', Fn.importValue('SharedLayerArn'))],
    }), /Fn::ImportValue/],
    ['a layer list from a parameter', (s) => newCfnFunction(s, 'Fn', {
      layers: new CfnParameter(s, 'LayerArns', { type: 'CommaDelimitedList' }).valueAsList,
    }), /parameter LayerArns/],
  ])('token: %s is undecidable', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results).map((r) => r.kind)).toEqual([U]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: a foreign layer added over an own layer is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { layers: [new lambda.LayerVersion(stack, 'Layer', { code: lambda.Code.fromAsset(__dirname) })] });
    cfnOf(fn).addPropertyOverride('Layers', [FOREIGN]);
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V, findingId: 'AWSLambdaPowertoolsTypeScriptV2' }]);
  });

  test('raw override: removing the foreign layer fixes it', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { layers: [lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', FOREIGN)] });
    cfnOf(fn).addPropertyDeletionOverride('Layers');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
