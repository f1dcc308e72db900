import { AttachedPolicyDocument, attachedPolicies, PolicyAttachment, policiesWithUnknownTargets } from './attached-policies';
import { AuditedResource } from '../../../core/audited-resource';
import { Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';
import { PolicyReader } from '../../../iam/policy-reader';
import { NormalizedStatement, PolicyValue, PrincipalType, StatementEffect } from '../../../iam/policy-statement';
import { ActionWildcard } from '../../../iam/private/action-pattern';

/** What a TLS-only check looks for in the resource policies that cover one resource. */
export interface SecureTransportRequirement {
  /** The logical id of the queue, topic or bucket. */
  readonly targetLogicalId: string;
  /** The actions the Deny must cover (`sqs:SendMessage`): the data plane of the service. */
  readonly actions: string[];
}

/**
 * Looks for a `Deny` statement on `aws:SecureTransport = false` for every principal, covering the data-plane actions,
 * in the given policy documents (those of the policies attached to the resource).
 */
export function findSecureTransportDeny(documents: AttachedPolicyDocument[], stack: StackView,
  requirement: SecureTransportRequirement): boolean {
  return documents.some(({ document, location }) => PolicyReader.readDocument(document, stack, location).statements
    .some((statement) => deniesInsecureTransport(statement, requirement)));
}

function deniesInsecureTransport(statement: NormalizedStatement, requirement: SecureTransportRequirement): boolean {
  if (statement.effect !== StatementEffect.DENY || !conditionDeniesPlainHttp(statement)) return false;
  if (!statement.principals.some((p) => p.principalType === PrincipalType.ANYONE)) return false;
  if (!requirement.actions.every((action) => statementCovers(statement, action))) return false;
  return statement.resources.some((r) => r.text?.trim() === '*'
    || r.referencedLogicalIds.includes(requirement.targetLogicalId));
}

/** True when the statement's actions include one that matches `action` (`NotAction`: every action it does not list). */
function statementCovers(statement: NormalizedStatement, action: string): boolean {
  const matches = (values: PolicyValue[]) => values.some((e) => e.text !== undefined && ActionWildcard.toRegExp(e.text.trim()).test(action));
  return statement.notActions.length > 0 ? !matches(statement.notActions) : matches(statement.actions);
}

/** `{"Bool": {"aws:SecureTransport": "false"}}`, with the value as a string or a boolean, in any letter case. */
function conditionDeniesPlainHttp(statement: NormalizedStatement): boolean {
  return statement.conditions.some((c) => /^Bool$/i.test(c.operator.trim()) && c.key.toLowerCase() === 'aws:securetransport'
    && c.values.some((v) => v.text?.toLowerCase() === 'false'));
}

/** What a TLS-only rule checks for one kind of resource (a queue, a topic, a bucket). */
export interface TlsOnlyCheck {
  /** The resource policies that can apply to the resource, and the property naming their targets. */
  readonly attachments: PolicyAttachment[];
  /** The data-plane actions the Deny must cover. */
  readonly actions: string[];
  /** The resource in prose (`queue`), and its policy (`queue policy`). */
  readonly noun: string;
  readonly policyNoun: string;
}

/**
 * The verdicts of a TLS-only rule: none when an attached policy denies the actions without TLS to everyone; "unable
 * to decide" when no policy does but some policy names targets unknown at synth time; otherwise a violation.
 */
export function tlsOnlyVerdicts(resource: AuditedResource, stack: StackView, check: TlsOnlyCheck): Verdict[] {
  const documents = attachedPolicies(resource, stack, check.attachments);
  if (findSecureTransportDeny(documents, stack, { targetLogicalId: resource.logicalId, actions: check.actions })) return [];
  const unknownTargets = policiesWithUnknownTargets(stack, check.attachments);
  if (unknownTargets.length > 0) {
    return [Verdicts.undecidable(`No ${check.policyNoun} of the stack denies plain-HTTP access to this ${check.noun}, but some name `
        + `${check.noun}s not known at synth time.`, unknownTargets.join('; '))];
  }
  return [Verdicts.violation(documents.length === 0
    ? `The ${check.noun} has no ${check.policyNoun} denying requests without TLS (aws:SecureTransport false).`
    : `The ${check.policyNoun} does not deny ${check.actions.join(' and ')} without TLS (aws:SecureTransport false) to every principal.`)];
}
