import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { RuleResult } from '../rule-test-helpers';

/** A small L2 function with inline code; `props` override the defaults. */
export function newFunction(scope: Construct, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    ...props,
  });
}

/** A minimal L1 function; `props` are merged over the required properties. */
export function newCfnFunction(scope: Construct, id = 'CfnFn', props: Partial<lambda.CfnFunctionProps> = {}): lambda.CfnFunction {
  return new lambda.CfnFunction(scope, id, {
    role: `arn:${Stack.of(scope).partition}:iam::${Stack.of(scope).account}:role/fn-role`,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    code: { zipFile: 'exports.handler = async () => {};' },
    ...props,
  });
}

/** The L1 resource behind an L2 function, for raw overrides. */
export function cfnOf(fn: lambda.Function): lambda.CfnFunction {
  return fn.node.defaultChild as lambda.CfnFunction;
}

/** A compact view of verdicts for assertions: kind, finding id and severity override only. */
export function summary(results: RuleResult[]): Array<{ kind: string; findingId?: string; severity?: string }> {
  return results.map((r) => ({
    kind: r.kind,
    ...(r.findingId !== undefined ? { findingId: r.findingId } : {}),
    ...(r.severity !== undefined ? { severity: r.severity } : {}),
  }));
}

/** One scenario of a rule test: a name and a stack builder. */
export type Scenario = [string, (stack: Stack) => void];

/**
 * A Lambda@Edge function: its role trusts edgelambda.amazonaws.com, as `cloudfront.experimental.EdgeFunction` and every
 * function a distribution associates must (CloudFront replicates it to the Regions it serves from).
 */
export function newEdgeFunction(scope: Construct, id = 'Edge'): lambda.Function {
  return newFunction(scope, id, {
    role: new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('edgelambda.amazonaws.com')),
    }),
  });
}
