/** Directives that govern scripts (`default-src` does when none of them is present). */
const SCRIPT_DIRECTIVES = ['script-src', 'script-src-elem', 'script-src-attr'];
/** Sources that make a nonce or a hash: with one of them, CSP level 2+ browsers ignore `'unsafe-inline'`. */
const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/i;

/**
 * Judges a Content-Security-Policy for what an injected script could do (T3, cross-site scripting). A policy is weak
 * when scripts are not restricted at all (no `script-src` nor `default-src`), or when a directive governing scripts
 * allows any host (`*`, a bare `https:`), inline scripts (`'unsafe-inline'` without a nonce or hash), `eval`
 * (`'unsafe-eval'`) or `data:` URLs; and when any directive allows any host (`*`) or a plain-text scheme (`http:`,
 * `ws:`), which a network attacker can tamper with.
 */
export class ContentSecurityPolicy {
  /**
   * The weaknesses of a policy, one phrase each completing "allows ..." or "does not ...".
   *
   * @returns the weaknesses, empty when the policy holds
   */
  public static weaknesses(policy: string): string[] {
    const directives = new Map<string, string[]>();
    for (const part of policy.split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/).filter((t) => t.length > 0);
      if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
    }
    const found: string[] = [];
    const scriptDirectives = SCRIPT_DIRECTIVES.filter((d) => directives.has(d));
    if (!directives.has('script-src')) {
      if (directives.has('default-src')) scriptDirectives.push('default-src');
      else found.push('does not restrict scripts (neither script-src nor default-src)');
    }
    for (const directive of scriptDirectives) {
      const sources = directives.get(directive)!.map((s) => s.toLowerCase());
      const hasNonceOrHash = sources.some((s) => NONCE_OR_HASH.test(s));
      if (sources.includes('*') || sources.includes('https:')) found.push(`allows scripts from any host in ${directive}`);
      if (sources.includes("'unsafe-inline'") && !hasNonceOrHash) found.push(`allows inline scripts ('unsafe-inline') in ${directive}`);
      if (sources.includes("'unsafe-eval'")) found.push(`allows eval ('unsafe-eval') in ${directive}`);
      if (sources.includes('data:')) found.push(`allows data: URLs as scripts in ${directive}`);
    }
    for (const [directive, sources] of directives) {
      const lower = sources.map((s) => s.toLowerCase());
      if (lower.includes('*') && !scriptDirectives.includes(directive)) found.push(`allows any host ('*') in ${directive}`);
      const plain = lower.filter((s) => /^(http|ws):/.test(s));
      if (plain.length > 0) found.push(`allows plain-text sources (${plain.join(' ')}) in ${directive}`);
    }
    return found;
  }

  private constructor() {}
}
