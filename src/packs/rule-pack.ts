import { Severity } from '../core/rule';

/** One row of a pack: a rule, and the severity the pack gives it when that differs from the rule's own. */
export interface PackEntry {
  /** The rule's id. */
  readonly ruleId: string;
  /**
   * The severity of the rule's violations in this pack.
   *
   * @default - the rule's own severity
   */
  readonly severity?: Severity;
}

/** A named selection of rules, as a table of entries. */
export interface IRulePack {
  /** The pack's name, shown in reports. */
  readonly name: string;
  /** The pack's rules, one entry per rule. */
  readonly entries: PackEntry[];
}
