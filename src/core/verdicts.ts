import { Severity, Verdict, VerdictKind } from './rule';

/** The optional parts of a verdict. */
export interface VerdictOptions {
  /**
   * Where in the resource the problem is, as a CloudFormation property path (`Properties/TracingConfig/Mode`).
   *
   * @default - the resource as a whole
   */
  readonly location?: string;
  /**
   * A stable id for this finding when a rule can report several on one resource (an environment variable name).
   *
   * @default - the finding is identified by the rule id alone
   */
  readonly findingId?: string;
  /**
   * Overrides the rule's severity for this verdict.
   *
   * @default - the rule's severity
   */
  readonly severity?: Severity;
}

/**
 * The one way to write a verdict, for built-in and custom rules alike (in every jsii language): a violation, or an
 * "unable to decide" that names what the rule could not see.
 *
 * @example
 * const verdict = Verdicts.violation('The function URL has auth type NONE: anyone can invoke the function.', {
 *   location: 'Properties/AuthType',
 * });
 */
export class Verdicts {
  /**
   * A violation.
   *
   * @param detail what is wrong on this resource, in one sentence that names the offending value
   * @param options where, which finding, and a severity other than the rule's
   */
  public static violation(detail: string, options?: VerdictOptions): Verdict {
    // Written out field by field (undefined when not given): one shape for every verdict, cheap to build and read.
    return {
      kind: VerdictKind.VIOLATION,
      detail,
      location: options?.location,
      findingId: options?.findingId,
      severity: options?.severity,
    };
  }

  /**
   * The verdict for a value the rule needs but cannot know at synth time. It is never a pass: the finding is reported
   * as "unable to decide".
   *
   * @param detail what the rule could not decide (`The function URL auth type is not known.`)
   * @param reason what is unknown, as the value model names it (`parameter AuthType`,
   *   `Fn::ImportValue "SharedKeyArn"`)
   * @param options where, which finding, and a severity other than the default
   */
  public static undecidable(detail: string, reason: string, options?: VerdictOptions): Verdict {
    return {
      kind: VerdictKind.UNDECIDABLE,
      detail: `${detail} It depends on ${reason}, unknown at synth time.`,
      location: options?.location,
      findingId: options?.findingId,
      severity: options?.severity,
    };
  }

  private constructor() {}
}
