import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureTable`, one line per default, each with the threat (THREATS.md) it answers. The
 * construct reads every default from here; the README table is written from this object.
 */
export const SECURE_TABLE_DEFAULTS = {
  /** Data exposure: a key policy limits who can decrypt, and every decryption is in CloudTrail. Not relaxable (your own CMK via `encryptionKey`). */
  customerManagedKey: true,
  /** T6 / tampering: restore to any second of the last 35 days after a bad write or a ransomware-style delete. Not relaxable. */
  pointInTimeRecovery: true,
  /** Tampering / accident: the table cannot be deleted (by a stack update or by hand) until protection is turned off. Not relaxable. */
  deletionProtection: true,
  /** The data outlives the stack. Not relaxable. */
  removalPolicy: RemovalPolicy.RETAIN,
} as const;
