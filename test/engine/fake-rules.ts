import { AuditedResource } from '../../src/core/audited-resource';
import { ValueKind } from '../../src/core/resolved-value';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../../src/core/rule';
import { StackView } from '../../src/core/stack-view';

/** Base of the small rules the engine and host tests use, independent of the real rules. */
abstract class FakeRule implements IRule {
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly description: string;
  public readonly remediation: string;
  /** logicalIds of the resources the rule was called for, in call order. */
  public readonly calls: string[] = [];

  constructor(public readonly id: string, public readonly resourceTypes: string[], public readonly severity = Severity.ERROR) {
    this.description = `Fake rule ${id} holds.`;
    this.remediation = `Fix ${id}.`;
  }

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    this.calls.push(resource.logicalId);
    return this.judge(resource, stack);
  }

  protected abstract judge(resource: AuditedResource, stack: StackView): Verdict[];
}

/** Requires a property to equal a literal; undecidable when the value is not known at synth time. */
export class PropertyEqualsRule extends FakeRule {
  constructor(id: string, type: string, private readonly path: string, private readonly expected: any, severity = Severity.ERROR) {
    super(id, [type], severity);
  }

  protected judge(resource: AuditedResource, stack: StackView): Verdict[] {
    const value = resource.property(this.path);
    const resolved = stack.resolve(value);
    if (resolved.kind === ValueKind.EXTERNAL) {
      return [{ kind: VerdictKind.UNDECIDABLE, detail: `${this.path} is ${resolved.unknownReason}.` }];
    }
    if (value === this.expected) return [];
    return [{ kind: VerdictKind.VIOLATION, detail: `${this.path} is ${JSON.stringify(value)}.`, location: `Properties/${this.path.replace(/\./g, '/')}` }];
  }
}

/** Reports every resource it sees. */
export class AlwaysViolatedRule extends FakeRule {
  protected judge(): Verdict[] {
    return [{ kind: VerdictKind.VIOLATION, detail: 'It is always violated.' }];
  }
}

/** Never reports anything; counts calls. */
export class NeverViolatedRule extends FakeRule {
  protected judge(): Verdict[] {
    return [];
  }
}

/** Throws on every resource. */
export class ThrowingRule extends FakeRule {
  protected judge(): Verdict[] {
    throw new Error('boom');
  }
}

/** One granular finding per Lambda environment variable. */
export class EnvironmentVariableRule extends FakeRule {
  constructor(id: string) {
    super(id, ['AWS::Lambda::Function']);
  }

  protected judge(resource: AuditedResource): Verdict[] {
    const variables = resource.property('Environment.Variables') ?? {};
    return Object.keys(variables).map((name) => ({
      kind: VerdictKind.VIOLATION,
      detail: `Variable ${name} is set.`,
      findingId: name,
      location: `Properties/Environment/Variables/${name}`,
    }));
  }
}

/**
 * Reads its resource back through the view (as rules following references do) and memoises per logical id, as
 * analyses shared by several rules do: with choices, each combination must see itself, never another's values.
 */
export class ReadsThroughViewRule extends FakeRule {
  private readonly memo = new Map<StackView, Map<string, any>>();

  constructor(id: string, type: string, private readonly path: string, private readonly forbidden: any) {
    super(id, [type]);
  }

  protected judge(resource: AuditedResource, stack: StackView): Verdict[] {
    const perView = this.memo.get(stack) ?? new Map<string, any>();
    this.memo.set(stack, perView);
    if (!perView.has(resource.logicalId)) perView.set(resource.logicalId, stack.resource(resource.logicalId)?.property(this.path));
    const value = perView.get(resource.logicalId);
    return value === this.forbidden ? [{ kind: VerdictKind.VIOLATION, detail: `${this.path} is ${JSON.stringify(value)}.` }] : [];
  }
}
