import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { AcknowledgementIndex } from '../../src/acknowledgements/private/acknowledgement-index';
import { AuditDate } from '../../src/core/audit-date';
import { newApp } from '../reporting/reporting-test-helpers';

const TODAY = { [AuditDate.TODAY_CONTEXT]: '2026-06-15' };

function acknowledgedRules(queue: sqs.Queue) {
  return queue.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);
}

describe('AuditAcknowledgements', () => {
  test('records a standard acknowledgement, so CDK and cdk-nag see it, with expiry and ticket next to it', () => {
    const queue = new sqs.Queue(new Stack(newApp(TODAY), 'Stack'), 'Queue');
    AuditAcknowledgements.of(queue).add({ id: 'SLS-SQS-ENCRYPTION', reason: 'Queue holds public data only', expires: '2027-03-31', ticket: 'SEC-123' });

    expect(acknowledgedRules(queue)).toEqual([{ 'Annotation::SLS-SQS-ENCRYPTION': 'Queue holds public data only (expires 2027-03-31, ticket SEC-123)' }]);
    expect(queue.node.metadata.find((m) => m.type === AuditAcknowledgements.METADATA_KEY)?.data).toEqual({
      id: 'SLS-SQS-ENCRYPTION', reason: 'Queue holds public data only', expires: '2027-03-31', ticket: 'SEC-123',
    });
  });

  test('an expired acknowledgement is not recorded as a standard one, and warns on the construct', () => {
    const queue = new sqs.Queue(new Stack(newApp(TODAY), 'Stack'), 'Queue');
    AuditAcknowledgements.of(queue).add({ id: 'AwsSolutions-SQS4', reason: 'Migration to TLS-only policy pending', expires: '2026-06-14', ticket: 'SEC-9' });

    expect(acknowledgedRules(queue)).toEqual([]);
    Annotations.fromStack(Stack.of(queue)).hasWarning('/Stack/Queue',
      Match.stringLikeRegexp('acknowledgement of AwsSolutions-SQS4 expired on 2026-06-14 \\(ticket SEC-9\\)'));
  });

  test('an acknowledgement holds through its expiry day', () => {
    const queue = new sqs.Queue(new Stack(newApp(TODAY), 'Stack'), 'Queue');
    AuditAcknowledgements.of(queue).add({ id: 'SLS-SQS-ENCRYPTION', reason: 'Queue holds public data only', expires: '2026-06-15' });
    expect(acknowledgedRules(queue)).toHaveLength(1);
  });

  test('rejects a short reason, a malformed date and a blank ticket in one error', () => {
    const queue = new sqs.Queue(new Stack(newApp(TODAY), 'Stack'), 'Queue');
    const add = () => AuditAcknowledgements.of(queue).add({ id: 'SLS-SQS-ENCRYPTION', reason: 'ok', expires: '31/03/2027', ticket: ' ' });
    expect(add).toThrow(/ACK002\] Stack\/Queue: reason must explain the exception in words but has only 2 visible characters/);
    expect(add).toThrow(/ACK003\] Stack\/Queue: expires must be a date written YYYY-MM-DD but was '31\/03\/2027'/);
    expect(add).toThrow(/ACK004\] Stack\/Queue: ticket must not be blank/);
    expect(acknowledgedRules(queue)).toEqual([]);
  });

  test('rejects impossible calendar dates', () => {
    const queue = new sqs.Queue(new Stack(newApp(TODAY), 'Stack'), 'Queue');
    expect(() => AuditAcknowledgements.of(queue).add({ id: 'SLS-SQS-ENCRYPTION', reason: 'Queue holds public data only', expires: '2027-02-30' }))
      .toThrow(/ACK003/);
  });

  test('a malformed pinned date is an actionable error', () => {
    const queue = new sqs.Queue(new Stack(newApp({ [AuditDate.TODAY_CONTEXT]: 'tomorrow' }), 'Stack'), 'Queue');
    expect(() => AuditAcknowledgements.of(queue).add({ id: 'SLS-SQS-ENCRYPTION', reason: 'Queue holds public data only', expires: '2027-01-01' }))
      .toThrow(/cdk-secure-serverless:today must be a date written YYYY-MM-DD but was 'tomorrow'/);
  });
});

describe('AcknowledgementIndex', () => {
  function indexOf(...constructs: Construct[]): AcknowledgementIndex {
    const index = new AcknowledgementIndex('2026-06-15');
    for (const construct of constructs) index.read(construct);
    return index;
  }

  test('lists standard and accountable acknowledgements once each, judged against the audit\'s day', () => {
    const app = newApp(TODAY);
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Queue');
    Validations.of(stack).acknowledge({ id: 'ServerlessSecurityChecks::SLS-LAMBDA-TRACING', reason: 'Tracing is off in this sandbox' });
    AuditAcknowledgements.of(queue).add({ id: 'ServerlessSecurityChecks::SLS-SQS-ENCRYPTION', reason: 'Queue holds public data only', ticket: 'SEC-1' });
    AuditAcknowledgements.of(queue).add({ id: 'SLS-SQS-TLS-ONLY', reason: 'Consumers move to TLS next sprint', expires: '2026-01-01' });

    expect(indexOf(queue).all().map(({ construct, ...rest }) => rest)).toEqual([
      expect.objectContaining({ id: 'ServerlessSecurityChecks::SLS-SQS-ENCRYPTION', ruleId: 'SLS-SQS-ENCRYPTION', ticket: 'SEC-1', namespaced: true, expired: false }),
      expect.objectContaining({ id: 'SLS-SQS-TLS-ONLY', expires: '2026-01-01', constructPath: 'Stack/Queue', expired: true }),
      expect.objectContaining({ id: 'ServerlessSecurityChecks::SLS-LAMBDA-TRACING', ruleId: 'SLS-LAMBDA-TRACING', constructPath: 'Stack', expired: false }),
    ]);
  });

  test('shows a bare standard id as written, not as CDK stores it, and marks acknowledgements on an app or stage', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    Validations.of(stack).acknowledge({ id: 'SLS-LAMBDA-TRACING', reason: 'Tracing is off in this sandbox' });
    Validations.of(app).acknowledge({ id: 'SLS-LAMBDA-RUNTIME', reason: 'Runtimes move next quarter' });
    expect(indexOf(stack).all()).toEqual([
      expect.objectContaining({ id: 'SLS-LAMBDA-TRACING', recordedId: 'Annotation::SLS-LAMBDA-TRACING', ruleId: 'SLS-LAMBDA-TRACING', atStageRoot: false }),
      expect.objectContaining({ id: 'SLS-LAMBDA-RUNTIME', constructPath: '', atStageRoot: true }),
    ]);
  });

  test('judges each reason with Justification: a refused one is never in force', () => {
    const app = newApp();
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    Validations.of(queue).acknowledge({ id: 'SLS-SQS-ENCRYPTION', reason: '\u200b \u200b' });
    const index = indexOf(queue);
    expect(index.all()).toEqual([expect.objectContaining({ reasonProblem: 'is blank' })]);
    expect(index.inForce(queue, 'SLS-SQS-ENCRYPTION')).toBeUndefined();
    expect(index.naming(queue, 'SLS-SQS-ENCRYPTION')).toMatchObject({ id: 'SLS-SQS-ENCRYPTION' });
  });
});
