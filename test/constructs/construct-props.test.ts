import * as fs from 'fs';
import * as path from 'path';
import {
  Duration, Stack,
  aws_dynamodb as dynamodb, aws_events as events, aws_lambda as lambda, aws_sns as sns, aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ts from 'typescript';
import { testApp } from './construct-test-helpers';
import { CONSTRUCT_PROPS } from '../../scripts/construct-props-overrides';
import { Assembly, GeneratedFile, coverage, generateAll } from '../../scripts/generate-construct-props';
import { SecureEventRule, SecureFunction, SecureQueue, SecureTable, SecureTopic } from '../../src/constructs';

/**
 * The props interfaces that mirror an aws-cdk-lib struct (SecureFunctionProps mirrors lambda.FunctionProps, ...) are
 * generated from the installed aws-cdk-lib's jsii assembly. This is the generator's check mode: it fails when
 * aws-cdk-lib gained, lost or changed a prop, or the override table changed, and the files were not regenerated.
 */
const assembly = Assembly.load();
const generated = generateAll(assembly);

/** The members an interface declares in its source file (what the compiler, jsii and the IDE see). */
function declaredMembers(file: GeneratedFile): Set<string> {
  const source = ts.createSourceFile(file.path, fs.readFileSync(file.path, 'utf8'), ts.ScriptTarget.Latest, true);
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === file.spec.interfaceName);
  if (!decl) throw new Error(`${file.spec.interfaceName} is not declared in ${file.spec.file}`);
  return new Set(decl.members.map((m) => m.name!.getText(source)));
}

/** The doc comment of one generated prop. */
function docOf(file: GeneratedFile, prop: string): string {
  const body = file.current.slice(file.current.indexOf(`export interface ${file.spec.interfaceName} {`));
  const m = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*readonly ${prop}\\??:`).exec(body);
  if (!m) throw new Error(`${file.spec.interfaceName}.${prop} has no doc comment`);
  return m[1].replace(/\n\s*\* ?/g, '\n');
}

describe.each(generated.map((g) => [g.spec.interfaceName, g] as const))('%s', (_name, file) => {
  test('is up to date with aws-cdk-lib and the override table (else run `npx projen generate:construct-props`)', () => {
    expect(file.current === file.expected ? 'up to date' : `${file.spec.file} is stale`).toBe('up to date');
  });

  test('declares every prop of the aws-cdk-lib struct, or leaves it out with a reason', () => {
    const cov = coverage(file.spec, assembly);
    const members = declaredMembers(file);
    expect(cov.unknown).toEqual([]);
    expect(cov.undecidedDeprecated).toEqual([]);
    expect(cov.declared.filter((p) => !members.has(p))).toEqual([]);
    expect(cov.unsupported.filter((p) => members.has(p))).toEqual([]);
    for (const p of cov.unsupported) {
      expect(file.spec.unsupported[p].length).toBeGreaterThan(20);
      expect(file.current).toContain(`- \`${p}\`: `);
    }
  });

  test('no longer extends the aws-cdk-lib struct (jsii would show aws-cdk-lib\'s defaults)', () => {
    expect(file.current).not.toMatch(new RegExp(`interface ${file.spec.interfaceName} extends`));
  });
});

describe('the docs show our defaults (issue #18)', () => {
  const fn = generated.find((g) => g.spec.construct === 'SecureFunction')!;
  test.each([
    ['tracing', '@default lambda.Tracing.ACTIVE'],
    ['memorySize', '@default 512'],
    ['timeout', '@default Duration.seconds(10)'],
    ['architecture', '@default lambda.Architecture.ARM_64'],
    ['loggingFormat', '@default lambda.LoggingFormat.JSON'],
    ['role', '@default - a dedicated role under the function'],
  ])('SecureFunctionProps.%s', (prop, expected) => {
    const doc = docOf(fn, prop);
    expect(doc).toContain(expected);
    expect(doc.match(/@default/g)).toHaveLength(1);
  });

  test('each default taken from defaults.ts carries its reason', () => {
    expect(docOf(fn, 'timeout')).toMatch(/Secure default \(SecureFunction\): T3 denial of wallet/);
  });

  test.each([
    ['SecureQueue', 'enforceSSL', '@default true'],
    ['SecureQueue', 'visibilityTimeout', '@default Duration.seconds(60)'],
    ['SecureTable', 'deletionProtection', '@default true'],
    ['SecureTable', 'encryption', '@default dynamodb.TableEncryption.CUSTOMER_MANAGED'],
    ['SecureTopic', 'signatureVersion', '@default \'2\''],
    ['SecureTopic', 'enforceSSL', '@default true'],
  ])('%sProps.%s', (construct, prop, expected) => {
    expect(docOf(generated.find((g) => g.spec.construct === construct)!, prop)).toContain(expected);
  });
});

describe('drop-in: the aws-cdk-lib props object is accepted as it is', () => {
  // Each object is typed as the aws-cdk-lib struct, then passed unchanged: this file type-checks only while every
  // supported prop keeps aws-cdk-lib's type.
  test('lambda.FunctionProps', () => {
    const stack = new Stack(testApp(), 'S');
    const plain: lambda.FunctionProps = {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      timeout: Duration.seconds(30),
      memorySize: 256,
      description: 'plain props',
      environment: { STAGE: 'test' },
    };
    new SecureFunction(stack, 'F', plain);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Timeout: 30, MemorySize: 256, Architectures: ['arm64'] });
  });

  test('sqs.QueueProps', () => {
    const stack = new Stack(testApp(), 'S');
    const plain: sqs.QueueProps = { retentionPeriod: Duration.days(2), receiveMessageWaitTime: Duration.seconds(10) };
    new SecureQueue(stack, 'Q', plain);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 172800, ReceiveMessageWaitTimeSeconds: 10 });
  });

  test('dynamodb.TableProps', () => {
    const stack = new Stack(testApp(), 'S');
    const plain: dynamodb.TableProps = { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST };
    new SecureTable(stack, 'T', plain);
    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: true });
  });

  test('sns.TopicProps', () => {
    const stack = new Stack(testApp(), 'S');
    const plain: sns.TopicProps = { displayName: 'Orders' };
    new SecureTopic(stack, 'T', plain);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Orders', SignatureVersion: '2' });
  });

  test('events.RuleProps', () => {
    const stack = new Stack(testApp(), 'S');
    const plain: events.RuleProps = { eventPattern: { source: ['my.app'], detailType: ['OrderPlaced'] }, description: 'orders' };
    new SecureEventRule(stack, 'R', plain);
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { Description: 'orders' });
  });
});

test('the override table names existing files', () => {
  for (const spec of CONSTRUCT_PROPS) {
    expect(fs.existsSync(path.join(__dirname, '..', '..', spec.file))).toBe(true);
  }
});
