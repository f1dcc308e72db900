import { StackView } from '../../src/core/stack-view';
import { ViewMemo } from '../../src/engine/private/view-memo';

const view = () => new StackView('Stack', { Resources: { A: { Type: 'AWS::SQS::Queue' } } });

describe('ViewMemo', () => {
  test('computes once per view and key, including values that are falsy', () => {
    const memo = new ViewMemo<string>();
    const v1 = view();
    const v2 = view();
    let calls = 0;
    const compute = (value: string) => () => {
      calls++;
      return value;
    };
    expect(memo.get(v1, 'A', compute(''))).toBe('');
    expect(memo.get(v1, 'A', compute('other'))).toBe(''); // '' is a value, not "not computed yet"
    expect(memo.get(v1, 'B', compute('b'))).toBe('b');
    expect(memo.get(v2, 'A', compute('second view'))).toBe('second view');
    expect(calls).toBe(3);
  });
});
