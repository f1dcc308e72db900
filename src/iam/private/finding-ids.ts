/** Finding ids accept letters, digits, `-`, `_`, `.`, `:` and `*` only: anything else becomes `_`. */
export function toFindingId(text: string): string {
  return text.replace(/[^A-Za-z0-9\-_.:*]/g, '_');
}

/** At most `max` items, then how many more: keeps details readable for `s3:*` (180 actions). */
export function summarize(items: string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Caps the list of actions a finding carries. */
export const MAX_FINDING_ACTIONS = 50;
