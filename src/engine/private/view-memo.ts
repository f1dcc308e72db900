import { StackView } from '../../core/stack-view';

/**
 * Values worked out once per view and key (a resource's logical id, an API's), for analyses that several rules, or
 * several resources of one rule, ask for. Views are not changed once built, so a value never goes stale; it is
 * dropped with its view.
 */
export class ViewMemo<T> {
  private readonly perView = new WeakMap<StackView, Map<string, T>>();

  /** The value for `key` in `view`, computed on first request. */
  public get(view: StackView, key: string, compute: () => T): T {
    let values = this.perView.get(view);
    if (!values) {
      values = new Map();
      this.perView.set(view, values);
    }
    if (values.has(key)) return values.get(key)!;
    const value = compute();
    values.set(key, value);
    return value;
  }
}
