import { NO_VALUE, TemplateEvaluator } from '../../src/core/private/template-evaluator';

const template = {
  Parameters: { Env: { Type: 'String' }, Token: { Type: 'String', NoEcho: true } },
  Mappings: {
    Auth: { prod: { Type: 'AWS_IAM' }, dev: { Type: 'NONE' } },
    SameEverywhere: { 'us-east-1': { Type: 'NONE' }, 'eu-west-1': { Type: 'NONE' } },
    ByRegion: { 'us-east-1': { Type: 'NONE' }, 'eu-west-1': { Type: 'AWS_IAM' } },
  },
  Conditions: {
    Always: { 'Fn::Equals': ['a', 'a'] },
    Never: { 'Fn::Not': [{ Condition: 'Always' }] },
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsNotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    ProdAndAlways: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'Always' }] },
    Loop: { Condition: 'Loop' },
  },
};
const evaluator = new TemplateEvaluator(template);
const evaluate = (value: any) => evaluator.evaluate(value);

describe('TemplateEvaluator: what CloudFormation decides from the template alone', () => {
  test.each([
    ['Fn::FindInMap with literal keys', { 'Fn::FindInMap': ['Auth', 'dev', 'Type'] }, 'NONE'],
    ['Fn::FindInMap keyed by the region when every region agrees', { 'Fn::FindInMap': ['SameEverywhere', { Ref: 'AWS::Region' }, 'Type'] }, 'NONE'],
    ['Fn::FindInMap with a LanguageExtensions default', { 'Fn::FindInMap': ['Auth', 'qa', 'Type', { DefaultValue: 'NONE' }] }, 'NONE'],
    ['Fn::Select over a literal list', { 'Fn::Select': ['1', ['AWS_IAM', 'NONE']] }, 'NONE'],
    ['Fn::Select over Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': [',', 'AWS_IAM,NONE'] }] }, 'NONE'],
    ['Fn::Join of literals', { 'Fn::Join': ['', ['NO', 'NE']] }, 'NONE'],
    ['Fn::Sub with its variable map', { 'Fn::Sub': ['${A}${B}', { A: 'NO', B: { 'Fn::Join': ['', ['N', 'E']] } }] }, 'NONE'],
    ['Fn::Sub keeps escaped placeholders literal', { 'Fn::Sub': '${!Literal}-x' }, '${Literal}-x'],
    ['Fn::If on a condition the template decides', { 'Fn::If': ['Always', 'NONE', 'AWS_IAM'] }, 'NONE'],
    ['Fn::If through Fn::Not of a condition', { 'Fn::If': ['Never', 'AWS_IAM', 'NONE'] }, 'NONE'],
    ['Fn::If whose branches are equal', { 'Fn::If': ['IsProd', 'NONE', { 'Fn::Join': ['', ['NO', 'NE']] }] }, 'NONE'],
    ['Fn::ToJsonString of a literal', { 'Fn::ToJsonString': { a: 1 } }, '{"a":1}'],
    ['Fn::Length of a literal list', { 'Fn::Length': [1, 2, 3] }, 3],
    ['nested: Select of a FindInMap-ed list', { 'Fn::Select': [0, [{ 'Fn::FindInMap': ['Auth', 'dev', 'Type'] }]] }, 'NONE'],
  ])('evaluates %s', (_name, value, expected) => {
    expect(evaluate(value)).toEqual(expected);
  });

  test('AWS::NoValue removes the property or list element holding it', () => {
    expect(evaluate({ A: 1, B: { 'Fn::If': ['Always', { Ref: 'AWS::NoValue' }, 2] } })).toEqual({ A: 1 });
    expect(evaluate(['a', { 'Fn::If': ['Never', 'b', { Ref: 'AWS::NoValue' }] }, 'c'])).toEqual(['a', 'c']);
    expect(evaluate({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  test('keeps what only deployment decides, simplified as far as it goes', () => {
    expect(evaluate({ Ref: 'Env' })).toEqual({ Ref: 'Env' });
    expect(evaluate({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', 'bu', 'cket']] }))
      .toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::bucket']] });
    expect(evaluate({ 'Fn::Sub': ['${A}-${AWS::Region}-${Env}', { A: 'x' }] })).toEqual({ 'Fn::Sub': 'x-${AWS::Region}-${Env}' });
    expect(evaluate({ 'Fn::FindInMap': ['ByRegion', { Ref: 'AWS::Region' }, 'Type'] }))
      .toEqual({ 'Fn::FindInMap': ['ByRegion', { Ref: 'AWS::Region' }, 'Type'] });
    expect(evaluate({ 'Fn::If': ['IsProd', 'AWS_IAM', 'NONE'] })).toEqual({ 'Fn::If': ['IsProd', 'AWS_IAM', 'NONE'] });
  });

  test('returns the same object when nothing changes, so evaluating a template allocates little', () => {
    const value = { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Tags: [{ Key: 'a', Value: 'b' }] };
    expect(evaluate(value)).toBe(value);
  });

  test('decides conditions from literals and leaves those on parameters undecided', () => {
    expect(evaluator.condition('Always')).toBe(true);
    expect(evaluator.condition('Never')).toBe(false);
    expect(evaluator.condition('IsProd')).toBeUndefined();
    expect(evaluator.condition('Loop')).toBeUndefined();
    expect(evaluator.condition('Missing')).toBeUndefined();
  });

  test('lists the choices left, by their leaf conditions and key expressions', () => {
    const value = {
      A: { 'Fn::If': ['IsNotProd', 'x', 'y'] },
      B: { 'Fn::If': ['ProdAndAlways', 'x', 'y'] },
      C: { 'Fn::FindInMap': ['ByRegion', { Ref: 'AWS::Region' }, 'Type'] },
    };
    expect(evaluator.choicesOf(evaluate(value)).map((c) => [c.name, c.options])).toEqual([
      ['IsProd', ['true', 'false']],
      ['{"Ref":"AWS::Region"}', ['us-east-1', 'eu-west-1']],
    ]);
  });

  test('evaluates a value in one combination of its choices, consistently across conditions built from one another', () => {
    const value = { A: { 'Fn::If': ['IsProd', 'p', 'np'] }, B: { 'Fn::If': ['IsNotProd', 'np', 'p'] } };
    const world = { conditions: new Map([['IsProd', false]]), keys: new Map<string, string>() };
    expect(evaluator.choose(value, world)).toEqual({ A: 'np', B: 'np' });
    const region = { conditions: new Map<string, boolean>(), keys: new Map([['{"Ref":"AWS::Region"}', 'us-east-1']]) };
    expect(evaluator.choose({ 'Fn::FindInMap': ['ByRegion', { Ref: 'AWS::Region' }, 'Type'] }, region)).toBe('NONE');
  });

  test('never throws on malformed intrinsics', () => {
    for (const value of [
      { 'Fn::Select': 'x' }, { 'Fn::Select': [5, ['a']] }, { 'Fn::Join': 'x' }, { 'Fn::Sub': 42 }, { 'Fn::FindInMap': ['Nope', 'a', 'b'] },
      { 'Fn::FindInMap': 'x' }, { 'Fn::If': 'x' }, { 'Fn::Split': [1, 2] }, { 'Fn::Length': 'x' }, { 'Fn::Sub': ['${A}', 'notamap'] },
    ]) {
      expect(() => evaluate(value)).not.toThrow();
    }
  });
});
