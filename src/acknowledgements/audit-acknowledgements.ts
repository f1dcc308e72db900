import { Annotations, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditDate } from '../core/audit-date';
import { Justification } from '../core/justification';
import { PropErrors } from '../core/prop-errors';
import { AccountabilityMetadata } from './private/acknowledgement-index';
import { ACCOUNTABILITY_METADATA_KEY, AUDIT_NAMESPACE } from './private/names';

/** An acknowledgement with accountability: why, until when, and which ticket owns it. */
export interface AuditAcknowledgementProps {
  /**
   * The finding to acknowledge: a rule id (`SLS-LAMBDA-TRACING`), a granular finding
   * (`SLS-LAMBDA-ENV-SECRET[DB_PASSWORD]`), the namespaced form (`ServerlessSecurityChecks::SLS-LAMBDA-TRACING`), or
   * another tool's rule (`AwsSolutions-IAM5`), exactly as `Validations.of(scope).acknowledge` takes it.
   */
  readonly id: string;
  /**
   * Why the finding is accepted, in words a reviewer can judge (`Justification`: at least
   * `Justification.MIN_LENGTH` visible characters, made of words).
   */
  readonly reason: string;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the acknowledgement holds. From the next day on it is no longer recorded, the
   * findings it covered fail the synthesis again, and the audit names the lapsed acknowledgement.
   *
   * @default - the acknowledgement does not expire
   */
  readonly expires?: string;
  /**
   * The ticket that tracks the fix or owns the exception (`SEC-123`), shown in the reports.
   *
   * @default - no ticket
   */
  readonly ticket?: string;
}

/**
 * Acknowledgements that carry an owner and an end date. Each one is recorded as a standard
 * `Validations.of(scope).acknowledge({ id, reason })`, so CDK, the audit and cdk-nag all honour it, and its expiry
 * date and ticket are stored next to it in construct metadata (`AuditAcknowledgements.METADATA_KEY`) for the
 * reports.
 *
 * Once the expiry date has passed the acknowledgement is no longer recorded as a standard acknowledgement: no tool
 * honours it any more, the audit reports the findings it covered as errors naming it, and a warning on the construct
 * says it lapsed. Expiry is judged against `AuditDate.today(scope)`.
 *
 * @example
 * declare const fn: lambda.Function;
 * AuditAcknowledgements.of(fn).add({
 *   id: 'SLS-LAMBDA-CODE-SIGNING',
 *   reason: 'Signing profile is being rolled out with the new pipeline',
 *   expires: '2027-03-31',
 *   ticket: 'SEC-123',
 * });
 */
export class AuditAcknowledgements {
  /**
   * The audit's namespace in acknowledgement ids, the validation plugin's name:
   * `ServerlessSecurityChecks::SLS-LAMBDA-TRACING` names a rule of this audit and no other tool's.
   */
  public static readonly NAMESPACE = AUDIT_NAMESPACE;

  /** Construct metadata key under which the expiry date and ticket are stored. */
  public static readonly METADATA_KEY = ACCOUNTABILITY_METADATA_KEY;

  /** Acknowledgements on a construct: they cover it and everything below it. */
  public static of(scope: IConstruct): AuditAcknowledgements {
    return new AuditAcknowledgements(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Acknowledges a finding on this construct and everything below it.
   *
   * @throws when the id is empty, the reason is too short, the expiry date is not `YYYY-MM-DD` or the ticket is blank
   *   (every problem is listed in one error)
   */
  public add(props: AuditAcknowledgementProps): void {
    const metadata = this.validated(props);
    this.scope.node.addMetadata(AuditAcknowledgements.METADATA_KEY, metadata);
    const expires = metadata.expires;
    if (expires !== undefined && AuditDate.hasExpired(expires, AuditDate.today(this.scope))) {
      Annotations.of(this.scope).addWarningV2('cdk-secure-serverless:acknowledgement-expired',
        `The acknowledgement of ${metadata.id} expired on ${expires}${ticketText(metadata.ticket)} and no longer `
        + `applies (reason was: ${metadata.reason}). Fix the finding, or renew the acknowledgement with a later expiry date.`);
      return;
    }
    Validations.of(this.scope).acknowledge({ id: metadata.id, reason: reasonWithAccountability(metadata) });
  }

  private validated(props: AuditAcknowledgementProps): AccountabilityMetadata {
    const errors = PropErrors.for(this.scope);
    const id = (props.id ?? '').trim();
    const reason = Justification.normalize(String(props.reason ?? ''));
    if (id.length === 0 || /\s/.test(id)) {
      errors.add('ACK001', 'id', `must be a rule id without spaces but was '${props.id}'`,
        'Give the id the finding is reported under, for example SLS-LAMBDA-TRACING');
    }
    const reasonProblem = Justification.problem(props.reason);
    if (reasonProblem !== undefined) {
      errors.add('ACK002', 'reason', `must explain the exception in words but ${reasonProblem} (was ${JSON.stringify(props.reason)})`,
        'Say why the finding is acceptable here; the reason is listed in every audit report');
    }
    if (props.expires !== undefined && !AuditDate.isIsoDate(props.expires)) {
      errors.add('ACK003', 'expires', `must be a date written YYYY-MM-DD but was '${props.expires}'`,
        'Give the last day the exception holds, for example 2027-03-31');
    }
    if (props.ticket !== undefined && props.ticket.trim().length === 0) {
      errors.add('ACK004', 'ticket', 'must not be blank', 'Give the ticket id (for example SEC-123) or leave ticket out');
    }
    errors.throwIfAny();
    const ticket = props.ticket?.trim();
    // Only the keys that are set: the metadata is written into the cloud assembly as is.
    return { id, reason, ...(props.expires === undefined ? {} : { expires: props.expires }), ...(ticket === undefined ? {} : { ticket }) };
  }
}

/** The reason other tools print: it carries the expiry and ticket so cdk-nag and CDK output show them too. */
function reasonWithAccountability(metadata: AccountabilityMetadata): string {
  const extras = [
    metadata.expires === undefined ? undefined : `expires ${metadata.expires}`,
    metadata.ticket === undefined ? undefined : `ticket ${metadata.ticket}`,
  ].filter((e) => e !== undefined);
  return extras.length === 0 ? metadata.reason : `${metadata.reason} (${extras.join(', ')})`;
}

function ticketText(ticket: string | undefined): string {
  return ticket === undefined ? '' : ` (ticket ${ticket})`;
}
