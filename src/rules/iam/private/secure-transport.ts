import { AttachedPolicyDocument } from './attached-policies';
import { PolicyStatementView, readPolicyDocument } from './policy-document';
import { readPrincipal } from './principals';
import { statementGrants } from './resource-policy';
import { StackView } from '../../../engine/stack-view';

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
