import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureTable } from '../../../src/constructs';
import { VerdictKind } from '../../../src/core';

import { DynamoDbTableRecoveryRule } from '../../../src/rules/dynamodb';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new DynamoDbTableRecoveryRule();
const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const recoverable = { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true }, deletionProtection: true };
const PITR = 'point-in-time-recovery';
const DELETION = 'deletion-protection';

/** A stack with a literal region, which TableV2 needs to name its primary replica. */
function regionalStack(): Stack {
  return new Stack(new App({ builtinCloudFormationValidation: false } as any), 'Regional', { env: { region: 'us-east-1' } });
}

/** An L1 table, with its properties overridden. */
function cfnTable(stack: Stack, props: Partial<dynamodb.CfnTableProps> = {}): dynamodb.CfnTable {
  return new dynamodb.CfnTable(stack, 'T', {
    keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
    ...props,
  });
}

describe('SLS-DYNAMODB-RECOVERY', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['SecureTable (both on, not relaxable)', (stack) => new SecureTable(stack, 'T', { partitionKey })],
    ['an L2 Table with pointInTimeRecoverySpecification and deletionProtection', (stack) => new dynamodb.Table(stack, 'T', { partitionKey, ...recoverable })],
    ['an L2 Table with the deprecated pointInTimeRecovery: true', (stack) => new dynamodb.Table(stack, 'T', { partitionKey, pointInTimeRecovery: true, deletionProtection: true })],
    ['an L1 table with CloudFormation string booleans (raw overrides)', (stack) => {
      const table = cfnTable(stack);
      table.addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', 'true');
      table.addPropertyOverride('DeletionProtectionEnabled', 'true');
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: an L2 TableV2 with both settings on every replica', () => {
    const stack = regionalStack();
    new dynamodb.TableV2(stack, 'T', { partitionKey, ...recoverable, replicas: [{ region: 'eu-west-1' }] });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without tables', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string[]]>([
    ['the L2 Table default', (stack) => new dynamodb.Table(stack, 'T', { partitionKey }), [PITR, DELETION]],
    ['an L2 Table with only deletionProtection', (stack) => new dynamodb.Table(stack, 'T', { partitionKey, deletionProtection: true }), [PITR]],
    ['an L2 Table with only point-in-time recovery', (stack) => new dynamodb.Table(stack, 'T', {
      partitionKey, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    }), [DELETION]],
    ['an L1 table with both explicitly off', (stack) => cfnTable(stack, {
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      deletionProtectionEnabled: false,
    }), [PITR, DELETION]],
  ])('non-compliant: %s', (_name, build, findingIds) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual(findingIds.map((id) => [VerdictKind.VIOLATION, id]));
  });

  test('non-compliant: the L2 TableV2 default', () => {
    const stack = regionalStack();
    new dynamodb.TableV2(stack, 'T', { partitionKey });
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual([PITR, DELETION]);
  });

  test('non-compliant: a TableV2 replica that turns deletion protection off is named, with its location', () => {
    const stack = regionalStack();
    new dynamodb.TableV2(stack, 'T', { partitionKey, ...recoverable, replicas: [{ region: 'eu-west-1', deletionProtection: false }] });
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, DELETION]]);
    expect(results[0].detail).toMatch(/^Replica eu-west-1 has no deletion-protection/);
    expect(results[0].location).toBe('Properties/Replicas/0/DeletionProtectionEnabled');
  });

  test.each<[string, (stack: Stack) => void, string, RegExp]>([
    ['deletion protection from a parameter', (stack) => cfnTable(stack, {
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtectionEnabled: new CfnParameter(stack, 'Protect', { type: 'String' }).valueAsString as any,
    }), DELETION, /parameter Protect/],
    ['the point-in-time recovery specification under a condition', (stack) => {
      const prod = undecidedCondition(stack, 'IsProd');
      cfnTable(stack, {
        deletionProtectionEnabled: true,
        pointInTimeRecoverySpecification: Fn.conditionIf(prod.logicalId, { PointInTimeRecoveryEnabled: true }, Fn.ref('AWS::NoValue')) as any,
      });
    }, PITR, /condition IsProd/],
  ])('undecidable: %s', (_name, build, findingId, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, findingId]]);
    expect(results[0].detail).toMatch(reason);
  });

  test('undecidable: a global table whose Replicas are not a literal list', () => {
    const stack = newStack();
    const prod = undecidedCondition(stack, 'IsProd');
    new dynamodb.CfnGlobalTable(stack, 'T', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
      replicas: [{ region: 'us-east-1' }],
    }).addPropertyOverride('Replicas', Fn.conditionIf(prod.logicalId, [{ Region: 'us-east-1' }], [{ Region: 'eu-west-1' }]));
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, PITR], [VerdictKind.UNDECIDABLE, DELETION]]);
  });

  test('raw override: addPropertyOverride turns deletion protection off on a SecureTable', () => {
    const stack = newStack();
    const table = new SecureTable(stack, 'T', { partitionKey });
    (table.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('DeletionProtectionEnabled', false);
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual([DELETION]);
  });

  test('raw override: addPropertyOverride turns both on for a default Table', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'T', { partitionKey });
    const cfn = table.node.defaultChild as dynamodb.CfnTable;
    cfn.addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', true);
    cfn.addPropertyOverride('DeletionProtectionEnabled', true);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('severity: no point-in-time recovery is a warning, no deletion protection only info', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'T', { partitionKey });
    const severities = Object.fromEntries(checkRule(rule, stack).map((r) => [r.findingId, r.severity ?? rule.severity]));
    expect(severities).toEqual({ [PITR]: 'warning', [DELETION]: 'info' });
  });
});
