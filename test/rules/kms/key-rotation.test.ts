import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { VerdictKind } from '../../../src/core';
import { KmsKeyRotationRule } from '../../../src/rules/kms';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new KmsKeyRotationRule();

describe('SLS-KMS-KEY-ROTATION', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a rotating key (L2)', (stack) => new kms.Key(stack, 'K', { enableKeyRotation: true })],
    ['an asymmetric signing key, which AWS cannot rotate', (stack) => new kms.Key(stack, 'K', {
      keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY,
    })],
    ['an HMAC key', (stack) => new kms.Key(stack, 'K', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC })],
    ['a key with imported material (L1 Origin EXTERNAL)', (stack) => new kms.CfnKey(stack, 'K', { keyPolicy: {}, origin: 'EXTERNAL' })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a symmetric key with the L2 default (no rotation)', (stack) => new kms.Key(stack, 'K')],
    ['an L1 key with EnableKeyRotation false', (stack) => new kms.CfnKey(stack, 'K', { keyPolicy: {}, enableKeyRotation: false })],
    ['an explicit SYMMETRIC_DEFAULT key', (stack) => new kms.Key(stack, 'K', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.location])).toEqual([[VerdictKind.VIOLATION, 'Properties/EnableKeyRotation']]);
    expect(results[0].detail).toMatch(/^The symmetric key does not rotate/);
  });

  test('undecidable: rotation from a parameter', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    (key.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', new CfnParameter(stack, 'Rotate').valueAsString);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(/parameter Rotate/);
  });

  test('raw override: addPropertyOverride turns rotation off on a rotating key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K', { enableKeyRotation: true });
    (key.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false);
    expect(checkRule(rule, stack)).toHaveLength(1);
  });
});
