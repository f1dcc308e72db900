import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { DynamoDbTableEncryptionRule } from '../../../src/rules/dynamodb';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new DynamoDbTableEncryptionRule();
const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };

describe('SLS-DYNAMODB-ENCRYPTION', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a customer-managed key (L2 Table)', (stack) => new dynamodb.Table(stack, 'T', { partitionKey, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: new kms.Key(stack, 'K') })],
    ['a customer-managed key on every replica (L1 global table)', (stack) => new dynamodb.CfnGlobalTable(stack, 'T', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      sseSpecification: { sseEnabled: true, sseType: 'KMS' },
      replicas: [{ region: 'us-east-1', sseSpecification: { kmsMasterKeyId: new kms.Key(stack, 'K').keyArn } }],
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: a customer-managed key (L2 TableV2, in a stack with a region)', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false } as any), 'Regional', { env: { region: 'us-east-1' } });
    new dynamodb.TableV2(stack, 'T', { partitionKey, encryption: dynamodb.TableEncryptionV2.customerManagedKey(new kms.Key(stack, 'K')) });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without tables', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['the L2 Table default (AWS-owned key)', (stack) => new dynamodb.Table(stack, 'T', { partitionKey }), 'aws-owned-key'],
    ['the L2 TableV2 default', (stack) => new dynamodb.TableV2(stack, 'T', { partitionKey }), 'aws-owned-key'],
    ['TableEncryption.AWS_MANAGED', (stack) => new dynamodb.Table(stack, 'T', { partitionKey, encryption: dynamodb.TableEncryption.AWS_MANAGED }), 'aws-managed-key'],
    ['the AWS-managed alias on an L1 table', (stack) => new dynamodb.CfnTable(stack, 'T', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      sseSpecification: { sseEnabled: true, sseType: 'KMS', kmsMasterKeyId: 'alias/aws/dynamodb' },
    }), 'aws-managed-key'],
  ])('non-compliant: %s', (_name, build, findingId) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'TableKey').valueAsString, /parameter TableKey/],
    ['Fn::ImportValue', () => Fn.importValue('TableKey'), /Fn::ImportValue/],
  ])('undecidable: a key from %s', (_name, key, reason) => {
    const stack = newStack();
    new dynamodb.Table(stack, 'T', {
      partitionKey,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: kms.Key.fromKeyArn(stack, 'K', key(stack)),
    });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyDeletionOverride removes the key', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'T', { partitionKey, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED });
    (table.node.defaultChild as dynamodb.CfnTable).addPropertyDeletionOverride('SSESpecification.KMSMasterKeyId');
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['aws-managed-key']);
  });

  test('raw override: addPropertyOverride sets a customer-managed key', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'T', { partitionKey });
    (table.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('SSESpecification', { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: new kms.Key(stack, 'K').keyArn });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
