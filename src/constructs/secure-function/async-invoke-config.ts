import { Duration, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The explicit asynchronous-invocation settings of one function. */
export interface AsyncInvokeConfigOptions {
  /** Retries of a failed asynchronous invocation. */
  readonly retryAttempts: number;
  /** Age after which an event is not retried any more but sent to the on-failure destination. */
  readonly maxEventAge: Duration;
  /** Where failed events go. */
  readonly onFailure?: lambda.IDestination;
  /** Where successful results go. */
  readonly onSuccess?: lambda.IDestination;
}

/**
 * Writes `AWS::Lambda::EventInvokeConfig` for `$LATEST` exactly as `lambda.Function.configureAsyncInvoke` does (same
 * construct id `EventInvokeConfig` under the function, so the same logical id, and destinations bound the same way),
 * without the L2 `EventInvokeConfig`, whose validation `validateSecureFunctionProps` has already done (SF codes) and
 * whose name reference costs synth time on every function.
 *
 * Because the child is named `EventInvokeConfig`, a later `fn.configureAsyncInvoke(...)` is refused by aws-cdk-lib
 * itself ("An EventInvokeConfig has already been configured"), instead of deploying two configurations.
 */
export function createAsyncInvokeConfig(fn: lambda.Function, options: AsyncInvokeConfigOptions): lambda.CfnEventInvokeConfig {
  const scope = new Construct(fn, 'EventInvokeConfig');
  const bind = (destination: lambda.IDestination | undefined, type: lambda.DestinationType) =>
    destination?.bind(scope, fn, { type });
  const onFailure = bind(options.onFailure, lambda.DestinationType.FAILURE);
  const onSuccess = bind(options.onSuccess, lambda.DestinationType.SUCCESS);
  return new lambda.CfnEventInvokeConfig(scope, 'Resource', {
    functionName: (fn.node.defaultChild as lambda.CfnFunction).ref,
    qualifier: '$LATEST',
    maximumRetryAttempts: options.retryAttempts,
    maximumEventAgeInSeconds: options.maxEventAge.toSeconds(),
    destinationConfig: onFailure || onSuccess ? { onFailure, onSuccess } : undefined,
  });
}
