import { CfnParameter, SecretValue, Stack } from 'aws-cdk-lib';
import * as amazonmq from 'aws-cdk-lib/aws-amazonmq';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { VerdictKind } from '../../../src/core';
import { DataStorePasswordLiteralRule } from '../../../src/rules/datastores';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new DataStorePasswordLiteralRule();

/** An Aurora Serverless v2 cluster, as serverless apps run it, with the given credentials. */
function aurora(stack: Stack, credentials?: rds.Credentials): rds.DatabaseCluster {
  return new rds.DatabaseCluster(stack, 'Db', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 }),
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials,
  });
}

function l1Cluster(stack: Stack, masterUserPassword: string): rds.CfnDBCluster {
  return new rds.CfnDBCluster(stack, 'Db', { engine: 'aurora-postgresql', masterUsername: 'admin', masterUserPassword });
}

describe('SLS-DATASTORE-PASSWORD-LITERAL', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a password Secrets Manager generates (the L2 default)', (stack) => aurora(stack)],
    ['a password from an existing secret', (stack) => aurora(stack, rds.Credentials.fromSecret(new secretsmanager.Secret(stack, 'S')))],
    ['a NoEcho parameter', (stack) => l1Cluster(stack, new CfnParameter(stack, 'DbPassword', { noEcho: true }).valueAsString)],
    ['a placeholder set out of band', (stack) => l1Cluster(stack, 'CHANGE_ME')],
    ['a broker user whose password comes from a secret', (stack) => new amazonmq.CfnBroker(stack, 'Mq', {
      brokerName: 'mq',
      deploymentMode: 'SINGLE_INSTANCE',
      engineType: 'ACTIVEMQ',
      hostInstanceType: 'mq.t3.micro',
      publiclyAccessible: false,
      users: [{ username: 'app', password: new secretsmanager.Secret(stack, 'S').secretValueFromJson('password').unsafeUnwrap() }],
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['Credentials.fromPassword with a plain-text value', (stack) => aurora(stack, rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('Sup3rS3cret!'))),
      'MasterUserPassword'],
    ['a parameter without NoEcho', (stack) => l1Cluster(stack, new CfnParameter(stack, 'DbPassword').valueAsString), 'MasterUserPassword'],
    ['an ElastiCache auth token in clear', (stack) => new elasticache.CfnReplicationGroup(stack, 'Cache', {
      replicationGroupDescription: 'cache',
      engine: 'redis',
      cacheNodeType: 'cache.t3.micro',
      transitEncryptionEnabled: true,
      authToken: 'an-auth-token-of-sixteen-chars',
    }), 'AuthToken'],
    ['an OpenSearch master user password (nested)', (stack) => new opensearch.CfnDomain(stack, 'Search', {
      advancedSecurityOptions: { enabled: true, internalUserDatabaseEnabled: true, masterUserOptions: { masterUserName: 'admin', masterUserPassword: 'Adm1n!pass' } },
    }), 'AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
    ['the second user of a broker', (stack) => new amazonmq.CfnBroker(stack, 'Mq', {
      brokerName: 'mq',
      deploymentMode: 'SINGLE_INSTANCE',
      engineType: 'ACTIVEMQ',
      hostInstanceType: 'mq.t3.micro',
      publiclyAccessible: false,
      users: [{ username: 'ops', password: new CfnParameter(stack, 'OpsPassword', { noEcho: true }).valueAsString }, { username: 'app', password: 'app-password-1' }],
    }), 'Users.1.Password'],
  ])('non-compliant: %s', (_name, build, property) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId, r.location])).toEqual([[VerdictKind.VIOLATION, property, `Properties/${property.split('.').join('/')}`]]);
  });

  test('token: a value only deployment knows is not in the template', () => {
    const stack = newStack();
    const secret = new secretsmanager.Secret(stack, 'S');
    l1Cluster(stack, secret.secretValue.unsafeUnwrap());
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: addPropertyOverride replaces the generated password with a literal', () => {
    const stack = newStack();
    const cluster = aurora(stack);
    (cluster.node.defaultChild as rds.CfnDBCluster).addPropertyOverride('MasterUserPassword', 'hunter2hunter2');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
