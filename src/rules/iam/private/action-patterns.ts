/**
 * IAM action names and the wildcards that stand for them (`s3:Get*`, `iam:Attach*Policy`, `*`). IAM matches action
 * names case-insensitively, with `*` for any run of characters and `?` for one character.
 */
export class ActionPattern {
  /** True when the IAM action pattern `pattern` grants the concrete action `action`. */
  public static covers(pattern: string, action: string): boolean {
    return ActionPattern.regexOf(pattern).test(action);
  }

  /** True for `*` and for service-wide wildcards such as `s3:*` or `*:*`: every action of a service. */
  public static isServiceWide(pattern: string): boolean {
    const trimmed = pattern.trim();
    if (trimmed === '*') return true;
    const [service, name] = ActionPattern.split(trimmed);
    return name !== undefined && /^\*+$/.test(name) && service.length > 0;
  }

  /** Splits `service:Name` into its two parts; the name is undefined for a pattern without a colon (`*`). */
  public static split(pattern: string): [string, string | undefined] {
    const colon = pattern.indexOf(':');
    return colon < 0 ? [pattern, undefined] : [pattern.slice(0, colon), pattern.slice(colon + 1)];
  }

  private static regexOf(pattern: string): RegExp {
    const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')));
    return new RegExp(`^${body.join('')}$`, 'i');
  }
}
