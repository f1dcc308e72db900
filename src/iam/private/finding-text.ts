import { NormalizedStatement, PolicyValue } from '../policy-statement';

/** At most `max` items, then how many more: keeps details readable for `s3:*` (180 actions). */
export function summarize(items: string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Caps the list of actions a finding carries. */
export const MAX_FINDING_ACTIONS = 50;

/**
 * Names a statement for a person: by its Sid when it has one (`statement "AllowUploads"`), else by what it grants
 * (`the statement that allows s3:* on arn:aws:s3:::bucket/*`), never by its position.
 */
export function statementName(statement: NormalizedStatement): string {
  if (statement.label !== undefined) return statement.label;
  if (statement.sid !== undefined) return `statement "${statement.sid}"`;
  const negated = statement.actions.length === 0 && statement.notActions.length > 0;
  const actions = negated ? `every action but ${summarize(texts(statement.notActions), 3)}` : summarize(texts(statement.actions), 3);
  const verb = statement.effect === 'Deny' ? 'denies' : 'allows';
  const resources = statement.resources.length > 0 ? ` on ${summarize(texts(statement.resources), 2)}` : '';
  return `the statement that ${verb} ${actions || 'no action'}${resources}`;
}

/**
 * The subject of a sentence that goes on to say what the statement grants: `Statement "AllowUploads"`, `The
 * permission`, else `A statement` (the rest of the sentence names it by its grant).
 */
export function statementSubject(statement: NormalizedStatement): string {
  if (statement.label !== undefined) return capitalize(statement.label);
  return statement.sid !== undefined ? `Statement "${statement.sid}"` : 'A statement';
}

/** Rendered values, unknown ones as `<what is unknown>`. */
export function texts(values: PolicyValue[]): string[] {
  return values.map((v) => v.text ?? `<${v.unknownReason}>`);
}

/** Upper-cases the first letter (a statement name that starts a sentence). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
