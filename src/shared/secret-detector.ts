/**
 * What made a value look like a secret. One detector serves both halves of the library: `SecureFunction` (and the
 * other `Secure*` constructs) refuse such literals at synth time, and the audit reports them in any app.
 */
export enum SecretKind {
  /** The variable name says it holds a secret (`DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`...) and the value is a literal. */
  SECRET_NAME = 'secret-name',
  /** An AWS access key id (`AKIA...` long-term, `ASIA...` temporary). */
  AWS_ACCESS_KEY_ID = 'aws-access-key-id',
  /** A 40-character AWS secret access key. */
  AWS_SECRET_ACCESS_KEY = 'aws-secret-access-key',
  /** A PEM / OpenSSH / PGP private key block. */
  PRIVATE_KEY = 'private-key',
  /** An HTTP `Authorization` value (`Bearer ...`, `Basic ...`). */
  AUTHORIZATION_HEADER = 'authorization-header',
  /** A JSON Web Token (`eyJ...eyJ...sig`). */
  JWT = 'jwt',
  /** A token in a vendor format (GitHub, Slack, Stripe, Google, npm, SendGrid, OpenAI...). */
  VENDOR_TOKEN = 'vendor-token',
  /** A connection string or URL that embeds a password (`postgres://user:pass@host`, `Password=...;`). */
  CONNECTION_STRING_PASSWORD = 'connection-string-password',
  /**
   * A CloudFormation dynamic reference to Secrets Manager (`{{resolve:secretsmanager:...}}`): CloudFormation
   * resolves it at deploy time and the secret ends up in plain text in the resource configuration.
   */
  SECRET_DYNAMIC_REFERENCE = 'secret-dynamic-reference',
  /** A long string random enough (Shannon entropy) to be a generated key or token. */
  HIGH_ENTROPY = 'high-entropy',
}

/** Whether the name or the value gave the secret away. */
export enum SecretEvidence {
  /** Only the variable name suggests a secret. */
  NAME = 'name',
  /** The value itself has the shape of a credential. */
  VALUE = 'value',
}

/** A configuration entry that looks like a secret. */
export interface SecretMatch {
  /** What kind of secret it looks like. */
  readonly kind: SecretKind;
  /** Whether the name or the value gave it away. */
  readonly evidence: SecretEvidence;
  /** One sentence that says why, without repeating the value (`value has the shape of an AWS access key id`). */
  readonly reason: string;
}

interface ValuePattern {
  readonly kind: SecretKind;
  readonly pattern: RegExp;
  readonly reason: string;
}

/** Credential formats recognised by value. Ordered from the most to the least specific. */
const VALUE_PATTERNS: ValuePattern[] = [
  { kind: SecretKind.PRIVATE_KEY, pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, reason: 'value contains a private key block' },
  { kind: SecretKind.PRIVATE_KEY, pattern: /"kty"\s*:[^}]*"d"\s*:\s*"[A-Za-z0-9_-]{16,}"|"d"\s*:\s*"[A-Za-z0-9_-]{16,}"[^}]*"kty"/, reason: 'value contains a private JSON Web Key' },
  { kind: SecretKind.AWS_ACCESS_KEY_ID, pattern: /(?:^|[^A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/, reason: 'value contains an AWS access key id' },
  { kind: SecretKind.SECRET_DYNAMIC_REFERENCE, pattern: /\{\{resolve:secretsmanager:/, reason: 'value is a Secrets Manager dynamic reference, which CloudFormation resolves into plain text' },
  { kind: SecretKind.JWT, pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, reason: 'value contains a JSON Web Token' },
  { kind: SecretKind.AUTHORIZATION_HEADER, pattern: /^\s*(?:Bearer|Basic|Token)\s+[A-Za-z0-9\-._~+/]{12,}=*\s*$/i, reason: 'value is an HTTP Authorization credential' },
  { kind: SecretKind.VENDOR_TOKEN, pattern: /(?:^|[^A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/, reason: 'value has the shape of a GitHub token' },
  { kind: SecretKind.VENDOR_TOKEN, pattern: /xox[abposr]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/, reason: 'value has the shape of a Slack token or webhook' },
  { kind: SecretKind.VENDOR_TOKEN, pattern: /(?:^|[^A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/, reason: 'value has the shape of a Stripe secret key' },
  { kind: SecretKind.VENDOR_TOKEN, pattern: /AIza[0-9A-Za-z_-]{35}/, reason: 'value has the shape of a Google API key' },
  { kind: SecretKind.VENDOR_TOKEN, pattern: /(?:^|[^A-Za-z0-9])npm_[A-Za-z0-9]{36}/, reason: 'value has the shape of an npm token' },
  { kind: SecretKind.VENDOR_TOKEN, pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/, reason: 'value has the shape of a SendGrid API key' },
  { kind: SecretKind.VENDOR_TOKEN, pattern: /(?:^|[^A-Za-z0-9])sk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}/, reason: 'value has the shape of an OpenAI/Anthropic API key' },
  { kind: SecretKind.CONNECTION_STRING_PASSWORD, pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@/i, reason: 'value is a URL or connection string with an embedded password' },
  { kind: SecretKind.CONNECTION_STRING_PASSWORD, pattern: /(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s]+/i, reason: 'value is a connection string with an embedded password' },
];

/** Name fragments that mean "this holds a secret" when they appear anywhere in the normalised name. */
const SECRET_NAME_SUBSTRINGS = /PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL|APIKEY|PRIVATEKEY|ACCESSKEY|SECRETKEY|AUTHTOKEN/;
/** Name words (between `_`) that mean "this holds a secret". */
const SECRET_NAME_WORDS = /(?:^|_)(?:PWD|PASS|TOKEN|TOKENS|API_KEY|PRIVATE_KEY|ACCESS_KEY|SECRET_KEY|SIGNING_KEY|ENCRYPTION_KEY|MASTER_KEY|SESSION_KEY|CLIENT_KEY|AUTH_KEY|HMAC|HMAC_KEY|SALT|PEPPER)(?:_|$)/;
/**
 * Last name words that make the variable a reference to a secret (its ARN, name, id or path) or a setting about
 * it (its TTL, header name, rotation), not the secret itself: `DB_SECRET_ARN`, `API_KEY_PARAMETER_NAME`,
 * `TOKEN_TTL_SECONDS`.
 */
const REFERENCE_LAST_WORDS = new Set([
  'ARN', 'ARNS', 'NAME', 'NAMES', 'ID', 'IDS', 'PATH', 'PARAM', 'PARAMETER', 'SSM', 'REF', 'URL', 'URI', 'ENDPOINT',
  'HEADER', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'TIMEOUT', 'LENGTH', 'ENABLED', 'DISABLED', 'ROTATION',
  'VERSION', 'FIELD', 'REGION', 'TYPE', 'COUNT', 'SECONDS', 'MINUTES', 'HOURS', 'DAYS', 'POLICY', 'ISSUER',
  'AUDIENCE', 'SCOPE', 'SCOPES', 'PREFIX', 'FILE', 'LOCATION', 'STAGE', 'KEY_ID', 'ALGORITHM', 'ALG', 'MODE',
  // Resources and settings named after a secret they hold or describe (`PASSWORD_RESET_TABLE`, `TOKEN_MAX_AGE`...).
  'TABLE', 'QUEUE', 'TOPIC', 'BUCKET', 'FUNCTION', 'STREAM', 'TEMPLATE', 'ALIAS', 'SIZE', 'LIMIT', 'MIN', 'MAX', 'AGE',
  'FORMAT', 'PATTERN', 'ATTEMPTS', 'RETRIES', 'DOMAIN', 'HOST', 'PORT', 'KEY_NAME', 'JWKS',
]);
/**
 * Name words that say the value is public by design: a public or publishable key (`VAPID_PUBLIC_KEY`,
 * `STRIPE_PUBLISHABLE_KEY`, `JWT_PUBLIC`), a key set (`JWKS`). Such a value is judged by its shape alone, and a long
 * random-looking value is expected there, so randomness is no evidence.
 */
const PUBLIC_NAME_WORDS = /(?:^|_)(?:PUBLIC|PUBLISHABLE|PUB)(?:_KEYS?)?$|(?:^|_)JWKS(?:_|$)/;
/**
 * Values that are public by design whatever the name: Stripe publishable keys, an uncompressed P-256 public point in
 * base64url (VAPID application server keys), PEM and OpenSSH public keys, JWKS documents and their URLs.
 */
const PUBLIC_VALUES = [
  /^pk_(?:live|test)_[A-Za-z0-9]{16,}$/,
  /^B[A-Za-z0-9_-]{86}$/,
  /^-----BEGIN (?:RSA )?PUBLIC KEY-----/,
  /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) AAAA[A-Za-z0-9+/=]+(?: \S+)?$/,
  /^https:\/\/[^\s]+\/(?:\.well-known\/jwks\.json|jwks(?:\.json)?)$/i,
  /^\s*\{\s*"keys"\s*:\s*\[/,
];
/** Values that are never secrets, whatever the name: flags, placeholders. */
const HARMLESS_VALUES = /^(?:true|false|yes|no|on|off|enabled|disabled|none|null|nil|undefined|n\/a|-|\*)$/i;
/** ARNs (secret and parameter ARNs are references, not secrets). */
const ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12})?:[^\s]+$/;
/** An SSM parameter path or a Secrets Manager name given as a path (`/app/prod/db-password`). */
const PARAMETER_PATH = /^\/[A-Za-z0-9_.\-/]+$/;

/** The length from which a value is examined for randomness. Shorter random strings are too common to flag. */
const ENTROPY_MIN_LENGTH = 24;
/** Bits per character above which a long, mixed-class string is considered random. */
const ENTROPY_THRESHOLD = 4.0;
/** Bits per character above which a 40+ character string is considered random. */
const ENTROPY_THRESHOLD_LONG = 4.5;

/**
 * Detects secrets in configuration (environment variables, stage variables, state-machine definitions), by name and
 * by value. Pure and synchronous: no CDK constructs, safe to call from constructs and from audit rules.
 *
 * Decisions (documented so both halves agree):
 * - A value with the shape of a credential is a secret whatever the variable is called.
 * - A secret-looking name is a secret unless the value is empty, a flag, a short number (up to 5 digits), an ARN
 *   or a parameter path, or the name ends in a reference word (`_ARN`, `_NAME`, `_ID`, `_PATH`, `_TTL`...).
 * - UUIDs, hex digests (git SHAs, SHA-256) and URLs without credentials are not flagged by value: they are ids far
 *   more often than secrets. Under a secret name (`API_KEY=<uuid>`) they are flagged.
 * - High entropy: strings of 24+ characters without whitespace, mixing at least three character classes, with a
 *   Shannon entropy of at least 4.0 bits/char (4.5 from 40 characters). Paths, URLs, ARNs and dotted identifiers
 *   are excluded.
 */
export class SecretDetector {
  /**
   * Inspect one configuration entry.
   *
   * @param name the variable name (`DB_PASSWORD`)
   * @param value its literal value. Callers must not pass unresolved CDK tokens as if they were literals.
   * @returns the match, or undefined when the entry does not look like a secret
   */
  public static inspect(name: string, value: string): SecretMatch | undefined {
    if (SecretDetector.isPublicValue(value)) {
      return undefined;
    }
    const byValue = SecretDetector.inspectValue(value);
    if (byValue && !(byValue.kind === SecretKind.HIGH_ENTROPY && SecretDetector.isPublicName(name))) {
      return byValue;
    }
    if (SecretDetector.isSecretName(name) && !SecretDetector.isHarmlessValue(value)) {
      return {
        kind: SecretKind.SECRET_NAME,
        evidence: SecretEvidence.NAME,
        reason: `the name ${name} suggests a secret and the value is a literal`,
      };
    }
    return undefined;
  }

  /**
   * Inspect a value alone (for places without a name, such as a state-machine definition).
   *
   * @returns the match, or undefined when the value has no credential shape
   */
  public static inspectValue(value: string): SecretMatch | undefined {
    if (!value || value.length < 8 || SecretDetector.isPublicValue(value)) {
      return undefined;
    }
    for (const p of VALUE_PATTERNS) {
      if (p.pattern.test(value)) {
        if (p.kind === SecretKind.CONNECTION_STRING_PASSWORD && SecretDetector.passwordIsPlaceholder(value)) {
          continue;
        }
        return { kind: p.kind, evidence: SecretEvidence.VALUE, reason: p.reason };
      }
    }
    const trimmed = value.trim();
    if (SecretDetector.looksLikeAwsSecretKey(trimmed)) {
      return { kind: SecretKind.AWS_SECRET_ACCESS_KEY, evidence: SecretEvidence.VALUE, reason: 'value has the shape of an AWS secret access key' };
    }
    if (SecretDetector.isHighEntropy(trimmed)) {
      return { kind: SecretKind.HIGH_ENTROPY, evidence: SecretEvidence.VALUE, reason: 'value is a long random-looking string (high Shannon entropy)' };
    }
    return undefined;
  }

  /**
   * Whether a variable name suggests it holds a secret (`DB_PASSWORD`, `stripeApiKey`, `GITHUB_TOKEN`) rather than a
   * reference to one (`DB_SECRET_ARN`, `API_KEY_PARAMETER_NAME`).
   */
  public static isSecretName(name: string): boolean {
    const normalised = SecretDetector.normaliseName(name);
    if (!normalised) {
      return false;
    }
    if (PUBLIC_NAME_WORDS.test(normalised)) {
      return false;
    }
    const words = normalised.split('_');
    const last = words[words.length - 1];
    const lastTwo = words.slice(-2).join('_');
    if (REFERENCE_LAST_WORDS.has(last) || REFERENCE_LAST_WORDS.has(lastTwo)) {
      return false;
    }
    const joined = words.join('');
    return SECRET_NAME_SUBSTRINGS.test(joined) || SECRET_NAME_WORDS.test(normalised);
  }

  /**
   * Whether a name says its value is public by design (`VAPID_PUBLIC_KEY`, `STRIPE_PUBLISHABLE_KEY`, `JWKS_URI`).
   */
  public static isPublicName(name: string): boolean {
    return PUBLIC_NAME_WORDS.test(SecretDetector.normaliseName(name));
  }

  /**
   * Whether a value has the shape of something public by design: a Stripe publishable key (`pk_live_...`), a VAPID
   * public key, a PEM or OpenSSH public key, a JWKS document or URL.
   */
  public static isPublicValue(value: string): boolean {
    const v = value.trim();
    // A key set with private members ("d") or a bundle that also holds a private key is not public.
    return PUBLIC_VALUES.some((p) => p.test(v)) && !/PRIVATE KEY|"d"\s*:/.test(v);
  }

  /**
   * Whether a value is harmless under a secret-looking name: empty, a flag or placeholder, a short number
   * (up to 5 digits: ports, timeouts, counts), an ARN, or a parameter path.
   */
  public static isHarmlessValue(value: string): boolean {
    const v = value.trim();
    return v.length === 0
      || HARMLESS_VALUES.test(v)
      || /^\d{1,5}$/.test(v)
      || ARN.test(v)
      || PARAMETER_PATH.test(v);
  }

  /**
   * Shannon entropy of a string in bits per character (0 for the empty string).
   */
  public static shannonEntropy(value: string): number {
    if (!value) {
      return 0;
    }
    const counts = new Map<string, number>();
    for (const ch of value) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    let entropy = 0;
    const len = value.length;
    for (const c of counts.values()) {
      const p = c / len;
      entropy -= p * Math.log2(p);
    }
    return entropy;
  }

  /**
   * Whether a value is long and random enough to be a generated credential (see the class documentation for the
   * thresholds and exclusions).
   */
  public static isHighEntropy(value: string): boolean {
    if (value.length < ENTROPY_MIN_LENGTH || /\s/.test(value)) {
      return false;
    }
    if (value.includes('://') || ARN.test(value) || value.startsWith('/') || /^[0-9a-f-]+$/i.test(value)) {
      return false; // URLs, ARNs, paths, hex digests and UUIDs: ids, not secrets (see class docs)
    }
    if (/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/.test(value) && !/\d/.test(value)) {
      return false; // dotted identifiers and host names (com.example.Service, api.example.com)
    }
    if (!/^[A-Za-z0-9+/=_\-.~!@#$%^&*]+$/.test(value)) {
      return false;
    }
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
    if (classes < 3) {
      return false;
    }
    const threshold = value.length >= 40 ? ENTROPY_THRESHOLD_LONG : ENTROPY_THRESHOLD;
    return SecretDetector.shannonEntropy(value) >= Math.min(threshold, Math.log2(value.length) * 0.92);
  }

  /** `FooBarToken`, `foo-bar.token`, `FOO_BAR_TOKEN` all become `FOO_BAR_TOKEN`. */
  private static normaliseName(name: string): string {
    return name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .toUpperCase();
  }

  private static looksLikeAwsSecretKey(value: string): boolean {
    return value.length === 40
      && /^[A-Za-z0-9/+]{40}$/.test(value)
      && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
  }

  /** `postgres://user:${PASSWORD}@host`, `Password=<placeholder>` and the like carry no secret. */
  private static passwordIsPlaceholder(value: string): boolean {
    const url = /:\/\/[^\s:@/]+:([^\s@/]+)@/.exec(value);
    const kv = /(?:^|;)\s*(?:password|pwd)\s*=\s*([^;\s]+)/i.exec(value);
    const password = (url ?? kv)?.[1] ?? '';
    return /^(?:\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>|\*+|x+|%s|\?)$/i.test(password);
  }
}
