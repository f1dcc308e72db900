import {
  Aws, CfnParameter, Duration, Stack, Validations, aws_events as events, aws_events_targets as targets, aws_lambda as lambda,
  aws_sns as sns, aws_sqs as sqs, cx_api as cxapi,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { codesOf, errorOf, nagFindings, unacknowledgedAuditErrors, auditFindings, testApp } from './construct-test-helpers';
import { SecureEventRule, SecureEventRuleProps, SecureFunction, SecureQueue } from '../../src/constructs';
import { ServerlessSecurityChecks } from '../../src/hosts';
import { EventPatternBreadth, PatternBreadth } from '../../src/shared/event-pattern-breadth';
import { dependencyCycles } from '../support/dependency-cycles';

const code = lambda.Code.fromInline('exports.handler = async () => undefined;');
const fnProps = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };
const ORDERS: events.EventPattern = { source: ['my.shop'], detailType: ['OrderPlaced'] };
const JUSTIFICATION = 'Central audit archive: every event is forwarded to the security account bus.';

/** Like an app from `cdk init`: aws-cdk-lib's recommended flag that limits the SqsQueue target's grant is on. */
function newStack(queueSameAccountFlag = true): Stack {
  const context = queueSameAccountFlag ? { [cxapi.EVENTS_TARGET_QUEUE_SAME_ACCOUNT]: true } : {};
  const app = testApp(context);
  return new Stack(app, 'TestStack');
}
function rulesQueues(t: Template): string[] {
  return Object.keys(t.findResources('AWS::SQS::Queue')).filter((id) => id.startsWith('OrdersDeadLetterQueue') || id.startsWith('RDeadLetterQueue'));
}
function targetsOf(t: Template): any[] {
  return (Object.values(t.findResources('AWS::Events::Rule'))[0] as any).Properties.Targets;
}
const dlqArn = { 'Fn::GetAtt': [expect.stringMatching(/^OrdersDeadLetterQueue/), 'Arn'] };

describe('secure defaults', () => {
  const stack = newStack();
  const fn = new SecureFunction(stack, 'Fn', fnProps);
  const queue = new SecureQueue(stack, 'Q');
  const rule = new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS, targets: [new targets.LambdaFunction(fn)] });
  rule.addTarget(new targets.SqsQueue(queue));
  const t = Template.fromStack(stack);

  test('every target (from props and addTarget) gets the rule\'s dead-letter queue and an explicit retry policy', () => {
    expect(targetsOf(t)).toEqual([
      expect.objectContaining({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersDeadLetterQueue/), 'Arn'] } }, RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 } }),
      expect.objectContaining({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersDeadLetterQueue/), 'Arn'] } }, RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 } }),
    ]);
  });

  test('the pattern is rendered as given', () => {
    t.hasResourceProperties('AWS::Events::Rule', { EventPattern: { 'source': ['my.shop'], 'detail-type': ['OrderPlaced'] }, State: 'ENABLED' });
  });

  test('one dead-letter queue per rule: stack key, 14 days, no redrive of its own', () => {
    const dlqs = Object.entries(t.findResources('AWS::SQS::Queue')).filter(([id]) => id.startsWith('OrdersDeadLetterQueue'));
    expect(dlqs).toHaveLength(1);
    expect((dlqs[0][1] as any).Properties).toEqual({ KmsMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^SecureServerlessKey/), 'Arn'] }, MessageRetentionPeriod: 1209600 });
    expect(rule.deadLetterQueue).toBe(rule.deadLetterQueue);
  });

  test('dead-letter queue policy: TLS only, and only EventBridge for this rule may send', () => {
    const policy = Object.entries(t.findResources('AWS::SQS::QueuePolicy')).find(([id]) => id.startsWith('OrdersDeadLetterQueue'))![1] as any;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      {
        Sid: 'AllowThisRuleToSendFailedEvents',
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersDeadLetterQueue/), 'Arn'] },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^Orders[0-9A-F]{8}$/), 'Arn'] } } },
      },
    ]);
  });

  test('the stack key lets EventBridge encrypt for this account only', () => {
    const key = Object.values(t.findResources('AWS::KMS::Key'))[0] as any;
    expect(key.Properties.KeyPolicy.Statement).toContainEqual({
      Sid: 'AlloweventsOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  test('no dependency cycle', () => {
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });

  test('the only acknowledgements are on the dead-letter queue (plus those of the other constructs)', () => {
    const acked = stack.node.findAll()
      .filter((c) => c.node.path.startsWith('TestStack/Orders') && c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acked.map((c) => c.node.path)).toEqual(['TestStack/Orders/DeadLetterQueue/Resource']);
  });
});

describe('targets', () => {
  test('a target\'s own dead-letter queue and retry settings are kept; a partial retry policy is completed', () => {
    const stack = newStack();
    const own = new SecureQueue(stack, 'OwnDlq');
    const rule = new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS });
    rule.addTarget(new targets.LambdaFunction(new SecureFunction(stack, 'Fn', fnProps), { deadLetterQueue: own, retryAttempts: 2 }));
    rule.addTarget(new targets.LambdaFunction(new SecureFunction(stack, 'Fn2', fnProps), { maxEventAge: Duration.minutes(5) }));
    const t = Template.fromStack(stack);
    expect(targetsOf(t)).toEqual([
      expect.objectContaining({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^OwnDlq[0-9A-F]{8}$/), 'Arn'] } }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 } }),
      expect.objectContaining({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^OrdersDeadLetterQueue/), 'Arn'] } }, RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 300 } }),
    ]);
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });

  test('targetRetryAttempts and targetMaxEventAge set the retry policy of every target', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'Orders', {
      eventPattern: ORDERS,
      targetRetryAttempts: 0,
      targetMaxEventAge: Duration.minutes(30),
      targets: [new targets.SqsQueue(new SecureQueue(stack, 'Q'))],
    });
    expect(targetsOf(Template.fromStack(stack))[0].RetryPolicy).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 1800 });
  });

  test('any IRuleTarget gets them too: an event bus in another account, a custom target', () => {
    const stack = newStack();
    const central = events.EventBus.fromEventBusArn(stack, 'Central', 'arn:aws:events:us-east-1:222222222222:event-bus/central');
    const custom: events.IRuleTarget = { bind: () => ({ arn: 'arn:aws:sns:us-east-1:111111111111:alerts', id: 'Custom' }) };
    new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS, targets: [new targets.EventBus(central), custom] });
    const all = targetsOf(Template.fromStack(stack));
    expect(all).toHaveLength(2);
    for (const target of all) {
      expect(target).toEqual(expect.objectContaining({
        DeadLetterConfig: { Arn: expect.anything() }, RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 },
      }));
    }
  });

  test('no target, no dead-letter queue (created on first use)', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SQS::Queue', 0);
    t.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('reading deadLetterQueue creates it, e.g. to alarm on it or pass it explicitly', () => {
    const stack = newStack();
    const rule = new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS });
    expect(rule.deadLetterQueue.queueArn).toBeDefined();
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 1);
  });

  test('passing rule.deadLetterQueue explicitly works (no second queue, no cycle)', () => {
    const stack = newStack();
    const rule = new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS });
    rule.addTarget(new targets.LambdaFunction(new SecureFunction(stack, 'Fn', fnProps), { deadLetterQueue: rule.deadLetterQueue }));
    const t = Template.fromStack(stack);
    expect(rulesQueues(t)).toHaveLength(1);
    expect(targetsOf(t)[0].DeadLetterConfig).toEqual({ Arn: dlqArn });
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });

  test('a target in another account or region is refused (ER006)', () => {
    const app = testApp();
    const source = new Stack(app, 'Source', { env: { account: '111111111111', region: 'us-east-1' } });
    const other = new Stack(app, 'Other', { env: { account: '222222222222', region: 'us-east-1' } });
    const fn = new lambda.Function(other, 'Fn', fnProps);
    const rule = new SecureEventRule(source, 'Orders', { eventPattern: ORDERS });
    const e = errorOf(() => rule.addTarget(new targets.LambdaFunction(fn)));
    expect(e.problems.map((p: any) => p.code)).toEqual(['ER006']);
    expect(e.message).toContain('Other/Fn is not');
  });

  test('an encrypted queue without aws-cdk-lib\'s same-account flag is refused (ER007): any account\'s rule could send', () => {
    const stack = newStack(false);
    const queue = new SecureQueue(stack, 'Q');
    const e = errorOf(() => new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS, targets: [new targets.SqsQueue(queue)] }));
    expect(e.problems.map((p: any) => p.code)).toEqual(['ER007']);
    expect(e.message).toContain('"@aws-cdk/aws-events:eventsTargetQueueSameAccount": true');
  });

  test('with the flag, the queue and key grants are limited to this account', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS, targets: [new targets.SqsQueue(new SecureQueue(stack, 'Q'))] });
    const t = Template.fromStack(stack);
    const policy = Object.entries(t.findResources('AWS::SQS::QueuePolicy')).find(([id]) => id.startsWith('QPolicy'))![1] as any;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({
      Action: expect.arrayContaining(['sqs:SendMessage']), Principal: { Service: 'events.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    }));
  });

  test('a topic target without a role is refused (ER008); with authorizeUsingRole it gets the DLQ and retry policy', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic', { enforceSSL: true });
    const rule = new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS });
    expect(codesOf(() => rule.addTarget(new targets.SnsTopic(topic)))).toEqual(['ER008']);
    const ok = newStack();
    new SecureEventRule(ok, 'Orders', { eventPattern: ORDERS, targets: [new targets.SnsTopic(new sns.Topic(ok, 'Topic'), { authorizeUsingRole: true })] });
    expect(targetsOf(Template.fromStack(ok))[0])
      .toEqual(expect.objectContaining({ RoleArn: expect.anything(), DeadLetterConfig: { Arn: dlqArn }, RetryPolicy: expect.anything() }));
  });
});

describe('event bus and schedule', () => {
  test('a rule on a custom bus: the dead-letter queue trusts that rule\'s ARN', () => {
    const stack = newStack();
    const bus = new events.EventBus(stack, 'Bus');
    new SecureEventRule(stack, 'Orders', { eventBus: bus, eventPattern: ORDERS, targets: [new targets.SqsQueue(new SecureQueue(stack, 'Q'))] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Events::Rule', { EventBusName: { Ref: Match.stringLikeRegexp('^Bus') } });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders'), 'Arn'] } } } })]) },
    });
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });

  test('a scheduled rule needs no pattern', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'Nightly', { schedule: events.Schedule.rate(Duration.days(1)), targets: [new targets.LambdaFunction(new SecureFunction(stack, 'Fn', fnProps))] });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)', EventPattern: Match.absent() });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('detailType'))).toEqual([]);
  });

  test('neither pattern nor schedule: aws-cdk-lib\'s own error at synth', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'Orders');
    expect(() => Template.fromStack(stack)).toThrow(/Either 'eventPattern' or 'schedule' must be defined/);
  });
});

describe('bad input fails with its code', () => {
  const cases: Array<[string, SecureEventRuleProps, string[]]> = [
    ['an empty pattern', { eventPattern: {} }, ['ER001']],
    ['only the account', { eventPattern: { account: ['111111111111'] } }, ['ER001']],
    ['only account and region (tokens)', { eventPattern: { account: [Aws.ACCOUNT_ID], region: [Aws.REGION] } }, ['ER001']],
    ['source prefix ""', { eventPattern: { source: events.Match.prefix('') } }, ['ER001']],
    ['every AWS service (prefix aws.)', { eventPattern: { source: events.Match.prefix('aws.') } }, ['ER001']],
    ['source exists', { eventPattern: { source: events.Match.exists() } }, ['ER001']],
    ['no source', { eventPattern: { detailType: ['OrderPlaced'] } }, ['ER002']],
    ['a source that admits every source', { eventPattern: { source: events.Match.anythingBut('x'), detailType: ['OrderPlaced'] } }, ['ER002']],
    ['a detail field but no source', { eventPattern: { detail: { status: ['FAILED'] } } }, ['ER002']],
    ['a short justification', { eventPattern: ORDERS, relaxations: { broadEventPattern: 'n/a' } }, ['ER003']],
    ['targetRetryAttempts 186', { eventPattern: ORDERS, targetRetryAttempts: 186 }, ['ER004']],
    ['targetRetryAttempts -1', { eventPattern: ORDERS, targetRetryAttempts: -1 }, ['ER004']],
    ['targetRetryAttempts 2.5', { eventPattern: ORDERS, targetRetryAttempts: 2.5 }, ['ER004']],
    ['targetMaxEventAge 30 s', { eventPattern: ORDERS, targetMaxEventAge: Duration.seconds(30) }, ['ER005']],
    ['targetMaxEventAge 25 h', { eventPattern: ORDERS, targetMaxEventAge: Duration.hours(25) }, ['ER005']],
  ];
  test.each(cases)('%s', (_name, props, expected) => {
    expect(codesOf(() => new SecureEventRule(newStack(), 'R', props))).toEqual(expected);
  });

  test('every problem is reported at once, with path, prop and fix', () => {
    const e = errorOf(() => new SecureEventRule(newStack(), 'R', { eventPattern: { account: ['111111111111'] }, targetRetryAttempts: 500 }));
    expect(e.problems.map((p: any) => p.code)).toEqual(['ER004', 'ER001']);
    expect(e.message).toContain('[ER001] TestStack/R: eventPattern must select specific events but {"account":["111111111111"]} matches every event on the bus');
    expect(e.message).toContain('relaxations.broadEventPattern');
    expect(e.message).toContain('[ER004] TestStack/R: targetRetryAttempts must be an integer between 0 and 185 but was 500');
  });

  test('addEventPattern that widens the pattern after construction fails at synth with the same code', () => {
    const stack = newStack();
    const rule = new SecureEventRule(stack, 'R', { eventPattern: { source: ['my.shop'] } });
    rule.addEventPattern({ source: events.Match.prefix('') });
    expect(() => Template.fromStack(stack)).toThrow(/\[ER001\] TestStack\/R: eventPattern must select specific events/);
    const withType = newStack();
    new SecureEventRule(withType, 'R', { eventPattern: ORDERS }).addEventPattern({ source: events.Match.prefix('') });
    expect(() => Template.fromStack(withType)).toThrow(/\[ER002\] TestStack\/R: eventPattern must name the `source` of the events but the `source` of .* admits every source/);
  });

  test('a pattern added after construction is checked at synth (no source: ER002), and passes once specific', () => {
    const bad = newStack();
    new SecureEventRule(bad, 'R').addEventPattern({ detailType: ['OrderPlaced'] });
    expect(() => Template.fromStack(bad)).toThrow(/\[ER002\]/);
    const good = newStack();
    const rule = new SecureEventRule(good, 'R');
    rule.addEventPattern({ detailType: ['OrderPlaced'] });
    rule.addEventPattern({ source: ['my.shop'] });
    expect(() => Template.fromStack(good)).not.toThrow();
  });
});

describe('tokens in the pattern are never taken as specific', () => {
  test('a source from a parameter: no error, an acknowledgeable warning under the audit rule id', () => {
    const stack = newStack();
    const source = new CfnParameter(stack, 'Source').valueAsString;
    expect(() => new SecureEventRule(stack, 'R', { eventPattern: { source: [source], detailType: ['OrderPlaced'] } })).not.toThrow();
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('only known at deploy time'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toContain('ServerlessSecurityChecks::SLS-EVENTS-PATTERN-SPECIFIC');
  });

  test('a prefix from a parameter is undecidable too (it could be "")', () => {
    const stack = newStack();
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    new SecureEventRule(stack, 'R', { eventPattern: { source: events.Match.prefix(prefix), detailType: ['OrderPlaced'] } });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('only known at deploy time'))).toHaveLength(1);
  });

  test('a token in a detail field does not excuse a missing source (ER002)', () => {
    const stack = newStack();
    const status = new CfnParameter(stack, 'Status').valueAsString;
    expect(codesOf(() => new SecureEventRule(stack, 'R', { eventPattern: { detail: { status: [status] } } }))).toEqual(['ER002']);
  });

  test('a token next to a specific source is settled by the known part: no warning', () => {
    const stack = newStack();
    const status = new CfnParameter(stack, 'Status').valueAsString;
    new SecureEventRule(stack, 'R', { eventPattern: { source: ['my.shop'], detailType: ['OrderPlaced'], detail: { status: [status] } } });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('only known at deploy time'))).toEqual([]);
  });

  test('the shared breadth logic: three-valued with an unknown test, unchanged without', () => {
    const unknown = (v: any) => v === 'TOKEN';
    expect(EventPatternBreadth.of({ source: ['TOKEN'] }, unknown)).toBe(PatternBreadth.UNKNOWN);
    expect(EventPatternBreadth.of({ source: ['TOKEN', { prefix: '' }] }, unknown)).toBe(PatternBreadth.EVERYTHING);
    expect(EventPatternBreadth.of({ 'source': ['TOKEN'], 'detail-type': ['X'] }, unknown)).toBe(PatternBreadth.SPECIFIC);
    expect(EventPatternBreadth.of({ $or: [{ source: ['a'] }, { source: ['TOKEN'] }] }, unknown)).toBe(PatternBreadth.UNKNOWN);
    expect(EventPatternBreadth.ofField({ $or: [{ source: ['a'] }, { 'detail-type': ['b'] }] }, 'source')).toBeUndefined();
    expect(EventPatternBreadth.ofField({ $or: [{ source: ['a'] }, { source: ['b'] }] }, 'source')).toBe(PatternBreadth.SPECIFIC);
    expect(EventPatternBreadth.matchesEverything({ source: ['TOKEN'] })).toBe(false);
  });
});

describe('advice', () => {
  test('a pattern without detailType: an acknowledgeable warning', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'R', { eventPattern: { source: ['my.shop'] } });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('names no `detailType`'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toContain('SecureEventRule:NoDetailType');
  });

  test('with source and detailType: no warning', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'R', { eventPattern: ORDERS });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('relaxations', () => {
  test('broadEventPattern accepts a catch-all, recorded as an acknowledgement of SLS-EVENTS-PATTERN-SPECIFIC', () => {
    const stack = newStack();
    const central = events.EventBus.fromEventBusArn(stack, 'Central', 'arn:aws:events:us-east-1:222222222222:event-bus/central');
    new SecureEventRule(stack, 'All', {
      eventPattern: { account: [Aws.ACCOUNT_ID] },
      targets: [new targets.EventBus(central)],
      relaxations: { broadEventPattern: JUSTIFICATION },
    });
    expect(() => Template.fromStack(stack)).not.toThrow();
    expect(auditFindings(stack, 'SLS-EVENTS-PATTERN-SPECIFIC')).toEqual([expect.objectContaining({ acknowledged: true })]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('broadEventPattern also covers a pattern widened later', () => {
    const stack = newStack();
    const rule = new SecureEventRule(stack, 'All', { eventPattern: ORDERS, relaxations: { broadEventPattern: JUSTIFICATION } });
    rule.addEventPattern({ source: events.Match.prefix('') });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('targetsWithoutDeadLetterQueue: no queue, retry policy kept, audit and cdk-nag findings acknowledged with the reason', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'R', {
      eventPattern: ORDERS,
      targets: [new targets.LambdaFunction(new SecureFunction(stack, 'Fn', fnProps))],
      relaxations: { targetsWithoutDeadLetterQueue: 'Metrics events: losing one after two hours of retries is harmless.' },
    });
    const t = Template.fromStack(stack);
    expect(targetsOf(t)[0].DeadLetterConfig).toBeUndefined();
    expect(targetsOf(t)[0].RetryPolicy).toEqual({ MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 });
    expect(rulesQueues(t)).toEqual([]);
    expect(auditFindings(stack, 'SLS-EVENTS-TARGET-DLQ')).toEqual([expect.objectContaining({ acknowledged: true })]);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
  });
});

describe('cdk-nag and our audit', () => {
  function appStack(): Stack {
    const stack = newStack();
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    const queue = new SecureQueue(stack, 'Q');
    new SecureEventRule(stack, 'Orders', { eventPattern: ORDERS, targets: [new targets.LambdaFunction(fn), new targets.SqsQueue(queue)] });
    return stack;
  }

  test('AwsSolutions and Serverless: zero findings (rule, dead-letter queue, SecureFunction and SecureQueue targets)', () => {
    const stack = appStack();
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
  });

  test('our audit: no unacknowledged error, and no SLS-EVENTS-* or SLS-SQS-* finding at all', () => {
    const stack = appStack();
    expect(unacknowledgedAuditErrors(stack)).toEqual([]);
    const relevant = new ServerlessSecurityChecks().audit(stack)
      .filter((f) => /^SLS-(EVENTS|SQS)-/.test(f.ruleId))
      .map((f) => `${f.ruleId} @ ${f.constructPath}`);
    expect(relevant).toEqual([]);
  });

  test('a plain events.Rule with the same targets is what the audit and cdk-nag report (the construct is what fixes it)', () => {
    const stack = newStack();
    new events.Rule(stack, 'Plain', { eventPattern: ORDERS, targets: [new targets.SqsQueue(new sqs.Queue(stack, 'PlainQ'))] });
    expect(auditFindings(stack, 'SLS-EVENTS-TARGET-DLQ')).toHaveLength(1);
    expect(nagFindings(new ServerlessChecks(), stack)).toContain('Serverless-EventBusDLQ @ TestStack/Plain/Resource');
  });
});
