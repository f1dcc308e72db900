/**
 * IAM action wildcards: `*` matches any run of characters and `?` one character, case-insensitively, in both the
 * service prefix and the action name (`s3:Get*`, `iam:*Policy*`, `*`).
 */
export class ActionWildcard {
  /** Splits `service:Name` into its parts; a pattern without a colon (`*`) applies to every service and action. */
  public static split(pattern: string): { service: string; name: string } {
    const colon = pattern.indexOf(':');
    return colon < 0 ? { service: pattern, name: '*' } : { service: pattern.slice(0, colon), name: pattern.slice(colon + 1) };
  }

  /** True when the text contains `*` or `?`. */
  public static hasWildcard(text: string): boolean {
    return text.includes('*') || text.includes('?');
  }

  /** A case-insensitive anchored regular expression equivalent to the IAM wildcard. */
  public static toRegExp(wildcard: string): RegExp {
    let body = '';
    for (const c of wildcard) {
      if (c === '*') body += '.*';
      else if (c === '?') body += '.';
      else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${body}$`, 'i');
  }
}
