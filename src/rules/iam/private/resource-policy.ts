import { ActionPattern } from './action-patterns';
import { PolicyDocumentView, PolicyElement, PolicyStatementView } from './policy-document';
import { readPrincipal } from './principals';
import { ScopingConditions } from './scoping-conditions';
import { Severity, Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';

/** What a resource policy protects, for messages: `queue`, `topic`, `event bus`, `bucket`. */
export interface ResourcePolicySubject {
  readonly noun: string;
}

/**
 * Judges the `Allow` statements of a resource policy (queue, topic, event bus, bucket policy) by who they admit:
 * - anyone (`*`, `{"AWS": "*"}`) or everyone but someone (`NotPrincipal`) without a condition that narrows the
 *   callers (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, ...): a violation with the rule's severity;
 * - an AWS service principal without `aws:SourceArn` / `aws:SourceAccount`: any customer's resource of that service
 *   could use the grant (confused deputy), a warning;
 * - a principal, an effect or a condition that is not known at synth time: unable to decide.
 * Finding ids are the statement's `Sid`, else `Statement<index>`, prefixed by `prefix` when given.
 */
export function publicStatementVerdicts(document: PolicyDocumentView, stack: StackView, subject: ResourcePolicySubject,
  prefix?: string): Verdict[] {
  const verdicts: Verdict[] = [];
  if (document.unknownReason) {
    verdicts.push(Verdicts.undecidable(`Who the ${subject.noun} policy admits is not known.`, document.unknownReason, { findingId: prefix }));
  }
  for (const statement of document.statements) {
    const verdict = judgeStatement(statement, stack, subject, prefix);
    if (verdict) verdicts.push(verdict);
  }
  return verdicts;
}

function judgeStatement(statement: PolicyStatementView, stack: StackView, subject: ResourcePolicySubject,
  prefix?: string): Verdict | undefined {
  if (statement.effect === 'Deny') return undefined;
  const findingId = prefix ? `${prefix}.${statement.key}` : statement.key;
  const location = statement.location;
  const actions = describeActions(statement);
  if (statement.effect === undefined) {
    return Verdicts.undecidable(`Whether statement ${statement.key} allows or denies is not known.`, 'its Effect', { findingId, location });
  }
  const scoped = ScopingConditions.scopingKeys(statement.condition);
  if (scoped.length > 0) return undefined;
  if (statement.notPrincipal !== undefined) {
    return Verdicts.violation(`Statement ${statement.key} allows ${actions} to every principal except those in NotPrincipal, with no condition that narrows the callers.`, { findingId, location });
  }
  const principal = readPrincipal(statement.principal, stack);
  if (principal.anyone) {
    return Verdicts.violation(`Statement ${statement.key} allows ${actions} on the ${subject.noun} to any principal ("*") without a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.`, { findingId, location });
  }
  if (principal.unknownReason) {
    return Verdicts.undecidable(`Whether statement ${statement.key} admits anyone is not known.`, principal.unknownReason, { findingId, location });
  }
  if (principal.services.length > 0) {
    return Verdicts.violation(`Statement ${statement.key} allows ${actions} to the service principal ${principal.services.join(', ')} without aws:SourceArn or aws:SourceAccount, so resources of other accounts could use it (confused deputy).`, { findingId, location, severity: Severity.WARNING });
  }
  return undefined;
}

function describeActions(statement: PolicyStatementView): string {
  if (statement.notActions.length > 0) return `every action except ${texts(statement.notActions)}`;
  return texts(statement.actions) || 'no action';
}

function texts(elements: PolicyElement[]): string {
  return elements.map((e) => e.text ?? '(unresolved)').join(', ');
}

/**
 * True when the statement's actions include one that grants `action` (`sqs:*` grants `sqs:SendMessage`).
 * `NotAction` statements grant every action they do not list.
 */
export function statementGrants(statement: PolicyStatementView, action: string): boolean {
  if (statement.notActions.length > 0) {
    return !statement.notActions.some((e) => e.text !== undefined && ActionPattern.covers(e.text, action));
  }
  return statement.actions.some((e) => e.text !== undefined && ActionPattern.covers(e.text, action));
}
