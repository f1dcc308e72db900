import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { IRulePack } from '../../src/packs/rule-pack';

/** A pack with no rules, so host tests run only the fake rules they pass as additionalRules. */
export const EMPTY_PACK: IRulePack = { name: 'Empty', entries: [] };

export function newApp(context?: { [key: string]: any }): App {
  return new App({ builtinCloudFormationValidation: false, context } as any);
}

export function plainFunction(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = 1'),
  });
}

/**
 * Synthesizes an app whose validation plugins are expected to fail, and returns the error message. CDK also sets
 * `process.exitCode` on failure; it is reset so the test run itself does not fail.
 */
export function synthFailure(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  } finally {
    process.exitCode = undefined;
  }
  throw new Error('expected the synthesis to fail');
}

/** Synthesizes an app expected to succeed, capturing what CDK printed on stderr. */
export function synthSuccess(app: App): { printed: string; stack: (name: string) => any } {
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: any[]) => { printed.push(args.join(' ')); });
  try {
    const assembly = app.synth();
    return { printed: printed.join('\n'), stack: (name: string) => assembly.getStackByName(name).template };
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

export { Stack };
