import { Justification } from '../../src/core/justification';

describe('Justification', () => {
  test.each([
    ['Public webhook for Stripe; signature checked in the handler', undefined],
    ['Täglicher Export für die Buchhaltung', undefined],
    ['公開APIのため認証なしで運用します', undefined],
  ])('accepts a real reason: %s', (reason, expected) => {
    expect(Justification.problem(reason)).toBe(expected);
  });

  test.each([
    ['missing', undefined, /missing/],
    ['null from JavaScript', null, /missing/],
    ['a number from JavaScript', 42, /not text/],
    ['empty', '', /blank/],
    ['whitespace', '   \t\n  ', /blank/],
    ['zero-width characters', '\u200B\u200C\u200D\uFEFF\u2060'.repeat(5), /blank/],
    ['too short', 'n/a', /only 3 visible/],
    ['short padded with zero-width spaces', 'ok\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B', /only 2 visible/],
    ['one key held down', 'aaaaaaaaaaaaaaaa', /not made of words/],
    ['punctuation', '..........!!!!!!', /not made of words/],
    ['a short pattern repeated', 'abcabcabcabc', /repeats/],
    ['a word repeated with spaces', 'todo todo todo todo', /repeats/],
  ])('refuses %s', (_name, reason, problem) => {
    expect(Justification.problem(reason as any)).toMatch(problem);
    expect(Justification.isAcceptable(reason as any)).toBe(false);
  });

  test('normalize removes invisible characters and folds whitespace', () => {
    expect(Justification.normalize('  Public\u200B webhook\n\n  for  Stripe ')).toBe('Public webhook for Stripe');
  });
});
