import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as signer from 'aws-cdk-lib/aws-signer';
import { Construct } from 'constructs';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaCodeSigningRule } from '../../../src/rules/lambda/code-signing';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaCodeSigningRule();
const V = VerdictKind.VIOLATION;

function signingConfig(scope: Construct, policy: lambda.UntrustedArtifactOnDeployment): lambda.CodeSigningConfig {
  const profile = new signer.SigningProfile(scope, 'Profile', { platform: signer.Platform.AWS_LAMBDA_SHA384_ECDSA });
  return new lambda.CodeSigningConfig(scope, 'Signing', { signingProfiles: [profile], untrustedArtifactOnDeployment: policy });
}

describe('SLS-LAMBDA-CODE-SIGNING', () => {
  test.each<Scenario>([
    ['L2 with an enforcing signing config', (s) => newFunction(s, 'Fn', {
      codeSigningConfig: signingConfig(s, lambda.UntrustedArtifactOnDeployment.ENFORCE),
    })],
    ['L2 with an imported signing config', (s) => newFunction(s, 'Fn', {
      codeSigningConfig: lambda.CodeSigningConfig.fromCodeSigningConfigArn(s, 'Imported',
        'arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-0123456789abcdef0'),
    })],
    ['L1 with a signing config ARN from a parameter (set, whatever its value)', (s) => newCfnFunction(s, 'Fn', {
      codeSigningConfigArn: new CfnParameter(s, 'SigningArn').valueAsString,
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[]]>([
    ['L2 without code signing', (s) => newFunction(s), [{ kind: V }]],
    ['L1 without code signing', (s) => newCfnFunction(s), [{ kind: V }]],
    ['L2 with a signing config that only warns', (s) => newFunction(s, 'Fn', {
      codeSigningConfig: signingConfig(s, lambda.UntrustedArtifactOnDeployment.WARN),
    }), [{ kind: V, findingId: 'enforce' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(summary(checkRule(rule, stack))).toEqual(expected);
  });

  test('not applicable: a container-image function', () => {
    const stack = newStack();
    newCfnFunction(stack, 'Fn', {
      packageType: 'Image',
      runtime: undefined,
      handler: undefined,
      code: { imageUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1' },
    });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: an enforcement policy from an import is undecidable', () => {
    const stack = newStack();
    const config = new lambda.CfnCodeSigningConfig(stack, 'Signing', {
      allowedPublishers: { signingProfileVersionArns: ['arn:aws:signer:eu-west-1:111122223333:/signing-profiles/p/v1'] },
      codeSigningPolicies: { untrustedArtifactOnDeployment: Fn.importValue('SigningPolicy') },
    });
    newCfnFunction(stack, 'Fn', { codeSigningConfigArn: config.attrCodeSigningConfigArn });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE, findingId: 'enforce' }]);
    expect(results[0].detail).toMatch(/Fn::ImportValue/);
  });

  test('raw override: removing the signing config is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { codeSigningConfig: signingConfig(stack, lambda.UntrustedArtifactOnDeployment.ENFORCE) });
    cfnOf(fn).addPropertyDeletionOverride('CodeSigningConfigArn');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding a signing config ARN fixes it', () => {
    const stack = newStack();
    cfnOf(newFunction(stack)).addPropertyOverride('CodeSigningConfigArn',
      'arn:aws:lambda:eu-west-1:111122223333:code-signing-config:csc-0123456789abcdef0');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
