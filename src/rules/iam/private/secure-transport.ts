import { AttachedPolicyDocument, attachedPolicies, PolicyAttachment, policiesWithUnknownTargets } from './attached-policies';
import { PolicyStatementView, readPolicyDocument } from './policy-document';
import { readPrincipal } from './principals';
import { statementGrants } from './resource-policy';
import { AuditedResource } from '../../../core/audited-resource';
import { Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';

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
  return documents.some(({ document, location }) => readPolicyDocument(document, stack, location).statements
    .some((statement) => deniesInsecureTransport(statement, stack, requirement)));
}

function deniesInsecureTransport(statement: PolicyStatementView, stack: StackView,
  requirement: SecureTransportRequirement): boolean {
  if (statement.effect !== 'Deny' || !conditionDeniesPlainHttp(statement.condition)) return false;
  if (!readPrincipal(statement.principal, stack).anyone) return false;
  if (!requirement.actions.every((action) => statementGrants(statement, action))) return false;
  return statement.resources.some((r) => r.text?.trim() === '*'
    || r.referencedLogicalIds.includes(requirement.targetLogicalId));
}

/** `{"Bool": {"aws:SecureTransport": "false"}}`, with the value as a string or a boolean, in any letter case. */
function conditionDeniesPlainHttp(condition: any): boolean {
  if (condition === null || typeof condition !== 'object') return false;
  for (const [operator, tests] of Object.entries<any>(condition)) {
    if (!/^Bool$/i.test(operator) || tests === null || typeof tests !== 'object') continue;
    for (const [key, value] of Object.entries<any>(tests)) {
      const values = Array.isArray(value) ? value : [value];
      if (key.toLowerCase() === 'aws:securetransport' && values.some((v) => String(v).toLowerCase() === 'false')) {
        return true;
      }
    }
  }
  return false;
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
