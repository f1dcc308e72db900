import { displayName } from './values';
import { AuditedResource } from '../../../core/audited-resource';
import { StackView } from '../../../core/stack-view';
import { ViewMemo } from '../../../engine/private/view-memo';

/** Notes already worked out, per view and API. */
const NOTES = new ViewMemo<string>();

/**
 * The note a finding about an open method or route adds when the rest of its API is protected: " 3 of 4 methods of
 * this API use authorizer X: this one was probably forgotten.", or '' when no member uses an authorizer. One forgotten
 * route on an otherwise protected API is the classic mistake, and saying so makes the finding obvious to act on.
 *
 * The note depends on the API only, so it is worked out once per API and view: an API with hundreds of open members
 * would otherwise be read once per member, quadratic in its size.
 *
 * @param api the REST or HTTP API
 * @param stack the view the API is in
 * @param noun what the members are called in the note (`methods`, `routes`)
 * @param members the API's members that need authentication (pre-flight members left out)
 */
export function authorizerConsistencyNote(api: AuditedResource, stack: StackView, noun: string,
  members: () => AuditedResource[]): string {
  return NOTES.get(stack, api.logicalId, () => noteOf(members(), stack, noun));
}

function noteOf(members: AuditedResource[], stack: StackView, noun: string): string {
  const byAuthorizer = new Map<string, number>();
  let protectedCount = 0;
  for (const member of members) {
    const type = member.properties.AuthorizationType;
    if (type === undefined || type === 'NONE') continue;
    protectedCount++;
    const authorizer = stack.referencedResource(member.properties.AuthorizerId);
    const label = authorizer ? `authorizer ${displayName(authorizer)}` : typeof type === 'string' ? type : 'an authorizer';
    byAuthorizer.set(label, (byAuthorizer.get(label) ?? 0) + 1);
  }
  if (protectedCount === 0) return '';
  const labels = [...byAuthorizer.entries()].sort((a, b) => b[1] - a[1]).map(([label]) => label);
  return ` ${protectedCount} of ${members.length} ${noun} of this API use ${labels.join(' or ')}: this one was probably forgotten.`;
}
