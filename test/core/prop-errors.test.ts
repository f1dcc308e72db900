import { Stack, aws_lambda as lambda } from 'aws-cdk-lib';
import { SecureFunction, SecureQueue } from '../../src/constructs';
import { CallerDialect, CallerLanguage, PropErrors } from '../../src/core/prop-errors';
import { expectCoded, testApp } from '../constructs/construct-test-helpers';

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');

function withAgent<T>(agent: string | undefined, run: () => T): T {
  const saved = process.env.JSII_AGENT;
  if (agent === undefined) delete process.env.JSII_AGENT; else process.env.JSII_AGENT = agent;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.JSII_AGENT; else process.env.JSII_AGENT = saved;
  }
}

describe('CallerDialect: prop names and code in the caller\'s language (JSII_AGENT)', () => {
  test.each([
    [undefined, CallerLanguage.TYPESCRIPT],
    ['Python/3.11.7', CallerLanguage.PYTHON],
    ['Java/17.0.2', CallerLanguage.JAVA],
    ['DotNet/8.0.1', CallerLanguage.DOTNET],
    ['Go/1.22.1', CallerLanguage.GO],
  ])('JSII_AGENT=%s is %s', (agent, language) => {
    expect(withAgent(agent, () => CallerDialect.current())).toBe(language);
  });

  test.each([
    [CallerLanguage.TYPESCRIPT, 'relaxations.notSecret.API_KEY', 'memorySize'],
    [CallerLanguage.PYTHON, 'relaxations.not_secret.API_KEY', 'memory_size'],
    [CallerLanguage.JAVA, 'relaxations.notSecret.API_KEY', 'memorySize'],
    [CallerLanguage.DOTNET, 'Relaxations.NotSecret.API_KEY', 'MemorySize'],
    [CallerLanguage.GO, 'Relaxations.NotSecret.API_KEY', 'MemorySize'],
  ])('%s: prop paths keep keys as written', (language, nested, simple) => {
    expect(CallerDialect.prop('relaxations.notSecret.API_KEY', language)).toBe(nested);
    expect(CallerDialect.prop('memorySize', language)).toBe(simple);
    expect(CallerDialect.prop('environment.DB_PASSWORD', language)).toMatch(/^(environment|Environment)\.DB_PASSWORD$/);
  });

  test('code between backticks and type references are translated; prose is not', () => {
    const fix = 'Remove `tracing`, or set `relaxations.tracing`; use `lambda.Runtime.NODEJS_22_X` and '
      + '`new LambdaAction(fn, { useUniquePermissionId: true })` or `FunctionSecret.fromSecret(secret)`';
    expect(CallerDialect.text(fix, CallerLanguage.PYTHON)).toBe('Remove `tracing`, or set `relaxations.tracing`; use `lambda_.Runtime.NODEJS_22_X` and '
      + '`LambdaAction(fn, { use_unique_permission_id: True })` or `FunctionSecret.from_secret(secret)`');
    expect(CallerDialect.text(fix, CallerLanguage.JAVA)).toBe('Remove `tracing`, or set `relaxations.tracing`; use `Runtime.NODEJS_22_X` and '
      + '`new LambdaAction(fn, { useUniquePermissionId: true })` or `FunctionSecret.fromSecret(secret)`');
    expect(CallerDialect.text(fix, CallerLanguage.GO)).toBe('Remove `Tracing`, or set `Relaxations.Tracing`; use `awslambda.Runtime_NODEJS_22_X` and '
      + '`NewLambdaAction(fn, { UseUniquePermissionId: true })` or `FunctionSecret_FromSecret(secret)`');
    expect(CallerDialect.text('must be Tracing.ACTIVE but was PassThrough', CallerLanguage.PYTHON)).toBe('must be Tracing.ACTIVE but was PassThrough');
    expect(CallerDialect.text('Set `relaxations.notSecret: { MY_VAR: \'<why>\' }`', CallerLanguage.PYTHON))
      .toBe('Set `relaxations.not_secret: { MY_VAR: \'<why>\' }`');
  });

  test('a Python caller reads memory_size and lambda_.Runtime in the construct\'s error', () => {
    const message = withAgent('Python/3.11.7', () => expectCoded(() => new SecureFunction(new Stack(testApp(), 'S'), 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, memorySize: 64, retryAttempts: 7,
    }), 'SF002').message);
    expect(message).toContain('[SF002] S/Fn: memory_size must be an integer between 128 and 10240 but was 64. Set `memory_size` within the Lambda limits');
    expect(message).toContain('[SF014] S/Fn: retry_attempts must be');
    expect(message).toContain('[SF003] S/Fn: runtime must be a supported runtime');
  });

  test('a Java caller reads camelCase, a Go caller PascalCase', () => {
    const build = () => new SecureQueue(new Stack(testApp(), 'S'), 'Q', { maxReceiveCount: 0 });
    expect(withAgent('Java/17.0.2', () => expectCoded(build, 'SQ003').message)).toContain('S/Q: maxReceiveCount must be');
    expect(withAgent('Go/1.22.1', () => expectCoded(build, 'SQ003').message)).toContain('S/Q: MaxReceiveCount must be');
  });

  test('show() writes NaN, Infinity and -0 as such', () => {
    expect([NaN, Infinity, -0, null, undefined, 'x'].map(PropErrors.show)).toEqual(['NaN', 'Infinity', '-0', 'null', 'undefined', '\'x\'']);
  });
});
