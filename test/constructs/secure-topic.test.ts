import {
  CfnParameter,
  Lazy,
  Stack,
  Validations,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as actions,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_sns as sns,
  aws_sns_subscriptions as subscriptions,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { codesOf, nagFindings, auditFindings, testApp } from './construct-test-helpers';
import { SecureFunction, SecureQueue, SecureTopic, SecureTopicProps } from '../../src/constructs';
import { ServerlessSecurityChecks } from '../../src/hosts';
import { dependencyCycles } from '../support/dependency-cycles';

const code = lambda.Code.fromInline('exports.handler = async () => ({});');
const fnProps = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };
const stackKeyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] };

function newStack(app = testApp(), id = 'TestStack'): Stack {
  return new Stack(app, id);
}
function keyStatements(stack: Stack): any[] {
  const key = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0] as any;
  return key.Properties.KeyPolicy.Statement;
}
function resourceOf(stack: Stack, type: string, idPrefix: string): any {
  return Object.entries(Template.fromStack(stack).findResources(type)).find(([id]) => id.startsWith(idPrefix))![1];
}
/** A stack with a topic, a SecureQueue and a SecureFunction subscribed to it. */
function subscribedStack(): { stack: Stack; topic: SecureTopic } {
  const stack = newStack();
  const topic = new SecureTopic(stack, 'Topic');
  topic.addQueueSubscription(new SecureQueue(stack, 'Queue'), {
    filterPolicy: { type: sns.SubscriptionFilter.stringFilter({ allowlist: ['order'] }) },
  });
  topic.addFunctionSubscription(new SecureFunction(stack, 'Fn', fnProps), {
    filterPolicyWithMessageBody: { type: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: ['order'] })) },
  });
  return { stack, topic };
}

describe('secure defaults', () => {
  const stack = newStack();
  new SecureTopic(stack, 'Topic');
  const t = Template.fromStack(stack);

  test('a topic, its TLS-only policy and the stack key; no queue before the first subscription', () => {
    expect(Object.values(t.toJSON().Resources).map((r: any) => r.Type).sort())
      .toEqual(['AWS::KMS::Key', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy']);
  });

  test('encrypted with the stack key, deliveries signed with SHA256', () => {
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: stackKeyArn, SignatureVersion: '2' });
  });

  test('the topic policy denies publishing without TLS', () => {
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })],
      },
    });
  });

  test('CloudWatch alarms and EventBridge of this account may use the stack key (to publish)', () => {
    const services = keyStatements(stack).filter((s) => s.Principal.Service && typeof s.Principal.Service === 'string');
    expect(services).toEqual(expect.arrayContaining(['cloudwatch.amazonaws.com', 'events.amazonaws.com'].map((service) => expect.objectContaining({
      Principal: { Service: service },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    }))));
  });
});

describe('configuration', () => {
  test('your own key: no stack key, and its policy is left alone', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SecureTopic(stack, 'Topic', { masterKey: key, displayName: 'Orders' });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] }, DisplayName: 'Orders' });
    expect(keyStatements(stack)).toHaveLength(1);
  });

  test('FIFO topic: FIFO dead-letter queue', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic', { fifo: true, contentBasedDeduplication: true });
    topic.addQueueSubscription(new SecureQueue(stack, 'Queue', { fifo: true }));
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SNS::Topic', { FifoTopic: true, ContentBasedDeduplication: true });
    expect(resourceOf(stack, 'AWS::SQS::Queue', 'TopicDeadLetterQueue').Properties.FifoQueue).toBe(true);
  });

  test('CloudWatch alarm actions and EventBridge targets publish to it', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    new cloudwatch.Alarm(stack, 'Alarm', {
      metric: new cloudwatch.Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, evaluationPeriods: 1,
    }).addAlarmAction(new actions.SnsAction(topic));
    new events.Rule(stack, 'Rule', { eventPattern: { source: ['my.app'] }, targets: [new targets.SnsTopic(topic)] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^Topic') }] });
    // EventBridge's grantPublish: the topic policy names events.amazonaws.com; the key keeps its one scoped statement.
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Action: 'sns:Publish', Principal: { Service: 'events.amazonaws.com' } })]) },
    });
    expect(keyStatements(stack).filter((s) => s.Principal.Service === 'events.amazonaws.com')).toEqual([
      expect.objectContaining({ Sid: 'AlloweventsOfThisAccount', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
    ]);
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });
});

describe('subscriptions', () => {
  test('queue: subscription with filter and raw delivery, a dead-letter queue, SNS allowed for this topic only', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    const queue = new SecureQueue(stack, 'Queue');
    topic.addQueueSubscription(queue, {
      rawMessageDelivery: true,
      filterPolicy: { type: sns.SubscriptionFilter.stringFilter({ allowlist: ['order'] }) },
    });
    const t = Template.fromStack(stack);
    const topicRef = { Ref: Match.stringLikeRegexp('^Topic') };
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Queue[0-9A-F]'), 'Arn'] },
      RawMessageDelivery: true,
      FilterPolicy: { type: ['order'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TopicDeadLetterQueue'), 'Arn'] } },
    });
    // the subscribed queue and the dead-letter queue admit SNS only for this topic
    for (const prefix of ['QueuePolicy', 'TopicDeadLetterQueuePolicy']) {
      expect(resourceOf(stack, 'AWS::SQS::QueuePolicy', prefix).Properties.PolicyDocument.Statement).toEqual(expect.arrayContaining([
        expect.objectContaining({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { Ref: expect.stringMatching(/^Topic/) } } } }),
      ]));
    }
    // the dead-letter queue: stack key, TLS only, 14 days
    expect(resourceOf(stack, 'AWS::SQS::Queue', 'TopicDeadLetterQueue').Properties)
      .toEqual({ KmsMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/SecureServerlessKey/), 'Arn'] }, MessageRetentionPeriod: 1209600 });
    expect(resourceOf(stack, 'AWS::SQS::QueuePolicy', 'TopicDeadLetterQueuePolicy').Properties.PolicyDocument.Statement)
      .toEqual(expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]));
    // SNS may use the stack key for this account only; no key statement names the topic (that would be a cycle)
    const snsKeyStatements = keyStatements(stack).filter((s) => s.Principal.Service === 'sns.amazonaws.com');
    expect(snsKeyStatements).toEqual([expect.objectContaining({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    })]);
    expect(JSON.stringify(keyStatements(stack))).not.toContain(JSON.stringify(topicRef.Ref));
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });

  test('function: invoke permission scoped to the topic, body filter, dead-letter queue', () => {
    const { stack } = subscribedStack();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', SourceArn: { Ref: Match.stringLikeRegexp('^Topic') },
    });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: { type: ['order'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TopicDeadLetterQueue'), 'Arn'] } },
    });
  });

  test('one dead-letter queue serves every subscription of the topic', () => {
    const { stack, topic } = subscribedStack();
    topic.addSubscription(new subscriptions.SqsSubscription(new SecureQueue(stack, 'Other')));
    const t = Template.fromStack(stack);
    const subs = Object.values(t.findResources('AWS::SNS::Subscription')) as any[];
    expect(subs).toHaveLength(3);
    for (const sub of subs) {
      expect(sub.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]).toMatch(/^TopicDeadLetterQueue/);
    }
    expect(Object.keys(t.findResources('AWS::SQS::Queue')).filter((id) => id.startsWith('TopicDeadLetterQueue'))).toHaveLength(1);
    expect(topic.secureDeadLetterQueue).toBeDefined();
  });

  test('a dead-letter queue you pass is used, and the topic creates none', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    const own = new SecureQueue(stack, 'OwnDlq');
    topic.addFunctionSubscription(new SecureFunction(stack, 'Fn', fnProps), { deadLetterQueue: own });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OwnDlq[0-9A-F]'), 'Arn'] } },
    });
    expect(topic.secureDeadLetterQueue).toBeUndefined();
  });

  test('a queue on a key of your own: SNS is allowed on that key (this account only)', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    const key = new kms.Key(stack, 'QueueKey', { enableKeyRotation: true });
    topic.addQueueSubscription(new SecureQueue(stack, 'Queue', { encryptionMasterKey: key }));
    const own = resourceOf(stack, 'AWS::KMS::Key', 'QueueKey').Properties.KeyPolicy.Statement;
    expect(own).toEqual(expect.arrayContaining([expect.objectContaining({
      Sid: 'AllowSnsOfThisAccount',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    })]));
  });

  test('a queue on the AWS-managed SQS key is refused (TP006): SNS cannot deliver to it', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    expect(codesOf(() => topic.addQueueSubscription(queue))).toEqual(['TP006']);
  });

  test('topic and subscribers in different stacks: no cycle', () => {
    const app = testApp();
    const topicStack = newStack(app, 'Topics');
    const consumerStack = newStack(app, 'Consumers');
    const topic = new SecureTopic(topicStack, 'Topic');
    topic.addQueueSubscription(new SecureQueue(consumerStack, 'Queue'));
    topic.addFunctionSubscription(new SecureFunction(consumerStack, 'Fn', fnProps));
    const assembly = app.synth();
    for (const stack of assembly.stacks) {
      expect([stack.stackName, dependencyCycles(stack.template)]).toEqual([stack.stackName, []]);
    }
    expect(assembly.getStackByName('Consumers').dependencies.map((d) => d.id)).toContain('Topics');
  });
});

describe('grants', () => {
  test('grantPublish: sns:Publish on the topic, exact KMS actions on its key, no wildcard', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    topic.grantPublish(fn);
    const statements = resourceOf(stack, 'AWS::IAM::Policy', 'FnServiceRoleDefaultPolicy').Properties.PolicyDocument.Statement;
    expect(statements).toEqual([
      expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^Topic/) } }),
      expect.objectContaining({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/SecureServerlessKey/), 'Arn'] } }),
    ]);
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
  });
});

describe('bad input fails with its code', () => {
  const cases: Array<[string, (stack: Stack) => SecureTopicProps, string[]]> = [
    ['AWS-managed key', (s) => ({ masterKey: kms.Alias.fromAliasName(s, 'Managed', 'alias/aws/sns') }), ['TP001']],
    ['AWS-managed key by ARN', (s) => ({ masterKey: kms.Key.fromKeyArn(s, 'ManagedArn', 'arn:aws:kms:us-east-1:123456789012:alias/aws/sns') }), ['TP001']],
    ['AWS-managed key behind a Lazy', (s) => ({ masterKey: kms.Key.fromKeyArn(s, 'ManagedLazy', Lazy.string({ produce: () => 'arn:aws:kms:us-east-1:123456789012:alias/aws/sns' })) }), ['TP001']],
    ['TLS not enforced', () => ({ enforceSSL: false }), ['TP002']],
    ['SHA1 signatures', () => ({ signatureVersion: '1' }), ['TP003']],
    ['short justification', () => ({ publicPolicyJustification: 'n/a' }), ['TP004']],
    ['all at once', () => ({ enforceSSL: false, signatureVersion: '1', publicPolicyJustification: 'ok' }), ['TP002', 'TP003', 'TP004']],
  ];
  test.each(cases)('%s', (_name, props, expected) => {
    const stack = newStack();
    expect(codesOf(() => new SecureTopic(stack, 'Topic', props(stack)))).toEqual(expected);
  });

  test('a key only known at deploy time is an acknowledgeable warning (SLS-SNS-ENCRYPTION cannot decide it); a key of the app passes', () => {
    const stack = newStack();
    new SecureTopic(stack, 'Imported', { masterKey: kms.Key.fromKeyArn(stack, 'K', new CfnParameter(stack, 'KeyArn').valueAsString) });
    new SecureTopic(stack, 'Own', { masterKey: new kms.Key(stack, 'OwnKey', { enableKeyRotation: true }) });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('TP001'));
    expect(warnings.map((w) => w.id)).toEqual(['/TestStack/Imported']);
    expect(warnings[0].entry.data).toMatch(/masterKey is only known at deploy time.*parameter KeyArn/);
  });

  test('the message names path, prop and fix', () => {
    expect(() => new SecureTopic(newStack(), 'Topic', { enforceSSL: false }))
      .toThrow(/\[TP002\] TestStack\/Topic: enforceSSL must not be false.*Remove `enforceSSL`/);
  });
});

describe('topic policy: never open to anyone by accident', () => {
  const publish = (principal: iam.IPrincipal, conditions?: any) => new iam.PolicyStatement({
    actions: ['sns:Publish'], principals: [principal], resources: ['*'], conditions,
  });

  test.each([
    ['AnyPrincipal', new iam.AnyPrincipal()],
    ['StarPrincipal', new iam.StarPrincipal()],
    ['ArnPrincipal("*")', new iam.ArnPrincipal('*')],
  ])('a statement for %s without a narrowing condition is refused (TP005)', (_name, principal) => {
    const topic = new SecureTopic(newStack(), 'Topic');
    expect(codesOf(() => topic.addToResourcePolicy(publish(principal)))).toEqual(['TP005']);
  });

  test('grantPublish to AnyPrincipal is refused too', () => {
    const topic = new SecureTopic(newStack(), 'Topic');
    expect(codesOf(() => topic.grantPublish(new iam.AnyPrincipal()))).toEqual(['TP005']);
  });

  test('a narrowing condition makes it acceptable; a condition that narrows nothing does not', () => {
    const topic = new SecureTopic(newStack(), 'Topic');
    expect(() => topic.addToResourcePolicy(publish(new iam.AnyPrincipal(), { StringEquals: { 'aws:SourceAccount': '123456789012' } }))).not.toThrow();
    expect(codesOf(() => topic.addToResourcePolicy(publish(new iam.AnyPrincipal(), { StringNotEquals: { 'aws:SourceAccount': '123456789012' } }))))
      .toEqual(['TP005']);
  });

  test('named principals and service principals are not its business (the audit judges those)', () => {
    const topic = new SecureTopic(newStack(), 'Topic');
    expect(() => topic.addToResourcePolicy(publish(new iam.AccountPrincipal('123456789012')))).not.toThrow();
  });

  test('judged by the audit rule SLS-SNS-POLICY-PUBLIC: a role of the stack, a Deny for anyone, an organization condition pass', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    const role = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(() => topic.addToResourcePolicy(publish(role))).not.toThrow();
    expect(() => topic.addToResourcePolicy(new iam.PolicyStatement({
      effect: iam.Effect.DENY, actions: ['sns:Publish'], principals: [new iam.AnyPrincipal()], resources: ['*'],
    }))).not.toThrow();
    expect(() => topic.addToResourcePolicy(publish(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))).not.toThrow();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('TP005'))).toEqual([]);
  });

  test('NotPrincipal, and a narrowing key whose value admits everyone, are refused as the audit reports them', () => {
    const topic = new SecureTopic(newStack(), 'Topic');
    expect(codesOf(() => topic.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['sns:Publish'], notPrincipals: [new iam.AccountPrincipal('123456789012')], resources: ['*'],
    })))).toEqual(['TP005']);
    expect(codesOf(() => topic.addToResourcePolicy(publish(new iam.AnyPrincipal(), { StringLike: { 'aws:SourceArn': '*' } })))).toEqual(['TP005']);
  });

  test('a condition value only known at deploy time is an acknowledgeable warning, as the audit says "unable to decide"', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic');
    const account = new CfnParameter(stack, 'PartnerAccount').valueAsString;
    topic.addToResourcePolicy(publish(new iam.AnyPrincipal(), { StringEquals: { 'aws:SourceAccount': account } }));
    Annotations.fromStack(stack).hasWarning('/TestStack/Topic', Match.stringLikeRegexp('\\[TP005\\] TestStack/Topic: addToResourcePolicy cannot be judged at synth:.*parameter PartnerAccount'));
  });

  test('with publicPolicyJustification it is accepted and recorded as an acknowledgement of SLS-SNS-POLICY-PUBLIC', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'Topic', { publicPolicyJustification: 'Partners publish from accounts we do not know in advance.' });
    topic.addToResourcePolicy(publish(new iam.AnyPrincipal()));
    expect(auditFindings(stack, 'SLS-SNS-POLICY-PUBLIC')).toEqual([expect.objectContaining({ acknowledged: true, constructPath: 'TestStack/Topic/Policy/Resource' })]);
  });
});

describe('cdk-nag and our audit', () => {
  test('AwsSolutions and Serverless: zero findings (topic, SQS-subscribed SecureQueue, Lambda-subscribed SecureFunction)', () => {
    const { stack } = subscribedStack();
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
  });

  test('our audit: no unacknowledged error, and the SNS, SQS and key-policy rules pass', () => {
    const { stack } = subscribedStack();
    const findings = new ServerlessSecurityChecks().audit(stack);
    expect(findings.filter((f) => f.severity === 'error' && !f.acknowledged).map((f) => `${f.ruleId} @ ${f.constructPath}`)).toEqual([]);
    for (const rule of ['SLS-SNS-ENCRYPTION', 'SLS-SNS-TLS-ONLY', 'SLS-SNS-POLICY-PUBLIC', 'SLS-SQS-ENCRYPTION', 'SLS-SQS-TLS-ONLY',
      'SLS-SQS-POLICY-PUBLIC', 'SLS-IAM-RESOURCE-POLICY', 'SLS-LAMBDA-PERMISSION-PUBLIC']) {
      expect([rule, findings.filter((f) => f.ruleId === rule)]).toEqual([rule, []]);
    }
  });

  test('no dependency cycle', () => {
    expect(dependencyCycles(Template.fromStack(subscribedStack().stack).toJSON())).toEqual([]);
  });

  test('the topic acknowledges only SQS3 and SQSRedrivePolicy, on its dead-letter queue', () => {
    const { topic } = subscribedStack();
    const acked = topic.node.findAll().flatMap((c) => c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((m) => `${c.node.path} ${JSON.stringify(m.data)}`));
    expect(acked).toEqual([
      expect.stringMatching(/^TestStack\/Topic\/DeadLetterQueue\/Resource .*AwsSolutions-SQS3/),
      expect.stringMatching(/^TestStack\/Topic\/DeadLetterQueue\/Resource .*Serverless-SQSRedrivePolicy/),
    ]);
  });
});
