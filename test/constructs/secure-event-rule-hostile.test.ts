import { Duration, Lazy, Stack, aws_events as events, aws_sqs as sqs } from 'aws-cdk-lib';
import { expectCoded, testApp } from './construct-test-helpers';
import { SecureEventRule } from '../../src/constructs';

const newStack = () => new Stack(testApp(), 'TestStack');
const pattern = { source: ['my.app'], detailType: ['OrderPlaced'] };

/** Hostile props of SecureEventRule: each a coded problem naming the prop, never a crash and never a pass. */
const HOSTILE: Array<[string, () => any, string, string]> = [
  ['targetRetryAttempts NaN', () => ({ eventPattern: pattern, targetRetryAttempts: NaN }), 'ER004', 'targetRetryAttempts'],
  ['targetRetryAttempts negative', () => ({ eventPattern: pattern, targetRetryAttempts: -1 }), 'ER004', 'targetRetryAttempts'],
  ['targetRetryAttempts over 185', () => ({ eventPattern: pattern, targetRetryAttempts: 186 }), 'ER004', 'targetRetryAttempts'],
  ['targetRetryAttempts fraction', () => ({ eventPattern: pattern, targetRetryAttempts: 1.5 }), 'ER004', 'targetRetryAttempts'],
  ['targetRetryAttempts a Lazy resolving to 500', () => ({ eventPattern: pattern, targetRetryAttempts: Lazy.number({ produce: () => 500 }) }), 'ER004', 'targetRetryAttempts'],
  ['targetMaxEventAge under a minute', () => ({ eventPattern: pattern, targetMaxEventAge: Duration.seconds(59) }), 'ER005', 'targetMaxEventAge'],
  ['targetMaxEventAge fraction of a second', () => ({ eventPattern: pattern, targetMaxEventAge: Duration.millis(61_500) }), 'ER005', 'targetMaxEventAge'],
  ['targetMaxEventAge NaN', () => ({ eventPattern: pattern, targetMaxEventAge: Duration.seconds(NaN) }), 'ER005', 'targetMaxEventAge'],
  ['targetMaxEventAge a number', () => ({ eventPattern: pattern, targetMaxEventAge: 3600 }), 'ER005', 'targetMaxEventAge'],
  ['ruleName over 64 characters', () => ({ eventPattern: pattern, ruleName: 'r'.repeat(65) }), 'ER009', 'ruleName'],
  ['ruleName with a slash', () => ({ eventPattern: pattern, ruleName: 'a/b' }), 'ER009', 'ruleName'],
  ['description over 512 characters', () => ({ eventPattern: pattern, description: 'd'.repeat(513) }), 'ER009', 'description'],
  ['targets holding null', () => ({ eventPattern: pattern, targets: [null] }), 'ER009', 'targets'],
  ['schedule with an event bus', () => ({ schedule: events.Schedule.rate(Duration.hours(1)), eventBus: events.EventBus.fromEventBusName(new Stack(), 'B', 'b') }), 'ER009', 'eventBus'],
  ['pattern that matches everything', () => ({ eventPattern: {} }), 'ER001', 'eventPattern'],
  ['pattern whose source is a Lazy prefix of nothing', () => ({ eventPattern: { source: [{ prefix: Lazy.string({ produce: () => '' }) }] as any } }), 'ER001', 'eventPattern'],
  ['pattern without a source', () => ({ eventPattern: { detailType: ['OrderPlaced'] } }), 'ER002', 'eventPattern'],
  ['broadEventPattern justification of spaces', () => ({ eventPattern: {}, relaxations: { broadEventPattern: '              ' } }), 'ER003', 'relaxations.broadEventPattern'],
  ['targetsWithoutDeadLetterQueue justification of zero-width spaces', () => ({ eventPattern: pattern, relaxations: { targetsWithoutDeadLetterQueue: '\u200b'.repeat(40) } }), 'ER003', 'relaxations.targetsWithoutDeadLetterQueue'],
];

describe('SecureEventRule hostile props: a coded error naming the prop, never a crash or a pass', () => {
  test.each(HOSTILE)('%s', (_name, props, code, prop) => {
    const error = expectCoded(() => new SecureEventRule(newStack(), 'R', props()), code);
    expect(error.problems.filter((p) => p.code === code).map((p) => p.prop)).toContain(prop);
    expect(error.message).toContain(`[${code}] TestStack/R: ${prop}`);
  });

  test('addTarget(null) is ER009', () => {
    expectCoded(() => new SecureEventRule(newStack(), 'R', { eventPattern: pattern }).addTarget(null as any), 'ER009');
  });

  test('no pattern and no schedule: aws-cdk-lib\'s finding carries our code and the fix', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'R');
    const messages = (stack.node.findChild('R') as any).validateRule() as string[];
    expect(messages.join('\n')).toMatch(/\[ER009\] TestStack\/R: eventPattern is invalid: Either 'eventPattern' or 'schedule' must be defined.*addEventPattern/);
  });

  test('null props from JavaScript are no props', () => {
    const stack = newStack();
    new SecureEventRule(stack, 'R', null as any).addEventPattern(pattern);
    expect(new sqs.Queue(stack, 'Q')).toBeDefined();
  });
});
