import { Arn, ArnFormat, Stack, Token, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SECURE_FUNCTION_LIMITS as L } from './defaults';
import type { SecureFunctionProps } from './secure-function';
import { PropErrors } from '../../core/prop-errors';
import { LambdaRuntimeSupport, RuntimeStatus } from '../../shared/lambda-runtimes';
import { SecretDetector } from '../../shared/secret-detector';
import { Relaxation, RelaxationLedger } from '../common/relaxation';

/**
 * The error codes of `SecureFunction`. Stable: documented in the README and matched by tests.
 */
export const SF = {
  TIMEOUT_RANGE: 'SF001',
  MEMORY_RANGE: 'SF002',
  RUNTIME_DEPRECATED: 'SF003',
  ENV_SECRET_LITERAL: 'SF005',
  ENV_SECRET_TOKEN: 'SF006',
  ENV_NAME_CONFLICT: 'SF007',
  JUSTIFICATION_TOO_SHORT: 'SF008',
  TRACING_NOT_ACTIVE: 'SF009',
  LOG_RETENTION: 'SF010',
  LOG_GROUP_MANAGED: 'SF011',
  LOG_FORMAT_TEXT: 'SF012',
  RECURSIVE_LOOP_ALLOW: 'SF013',
  ASYNC_RANGE: 'SF014',
  ASYNC_FAILURE_DISABLED: 'SF015',
  LAYER_ORIGIN: 'SF016',
  URL_AUTH_NONE: 'SF017',
  URL_CORS_ANY_ORIGIN: 'SF018',
  ROLE_SHARED: 'SF019',
  CODE_SIGNING_NOT_ENFORCED: 'SF020',
  POLICY_WILDCARD: 'SF021',
  LAYER_ACCOUNT_INVALID: 'SF022',
  ENV_NAME_INVALID: 'SF023',
  ALARM_ACTION_UNBINDABLE: 'SF024',
} as const;

/** Token placeholder used when a partly tokenized value is checked: it is deliberately not a "safe" placeholder. */
const TOKEN_MARKER = 'TOKENVALUE';
const TOKEN_PATTERN = /\$\{Token\[[^\]]+\]\}/g;

/** What validation found that is not an error: warnings to raise once the construct exists. */
export interface ValidationOutcome {
  /** Non-fatal findings, as [rule id, message]. */
  readonly warnings: Array<[string, string]>;
  /** Accepted relaxations, as [rule id, justification]. */
  readonly relaxations: Array<[string, string]>;
}

/** The date the runtime table is checked at: context `cdk-secure-serverless:runtimeCheckDate`, else today (UTC). */
export function runtimeCheckDate(scope: IConstruct): string {
  const ctx = scope.node.tryGetContext('cdk-secure-serverless:runtimeCheckDate');
  return typeof ctx === 'string' ? ctx : new Date().toISOString().slice(0, 10);
}

/**
 * Check every prop of a `SecureFunction` before anything is created; every problem goes to `errors`.
 */
export function validateSecureFunctionProps(scope: IConstruct, props: SecureFunctionProps, errors: PropErrors): ValidationOutcome {
  const warnings: Array<[string, string]> = [];
  const ledger = new RelaxationLedger(errors, SF.JUSTIFICATION_TOO_SHORT);
  const r = props.relaxations ?? {};

  // --- limits
  if (props.timeout && !Token.isUnresolved(props.timeout.toSeconds())) {
    const s = props.timeout.toSeconds();
    if (s < L.timeoutSeconds.min || s > L.timeoutSeconds.max) {
      errors.add(SF.TIMEOUT_RANGE, 'timeout', `must be between 1 second and 15 minutes but was ${s} seconds`,
        'Set `timeout` to the longest a single invocation may legitimately take');
    }
  }
  if (props.memorySize !== undefined && !Token.isUnresolved(props.memorySize)) {
    if (props.memorySize < L.memorySize.min || props.memorySize > L.memorySize.max || !Number.isInteger(props.memorySize)) {
      errors.add(SF.MEMORY_RANGE, 'memorySize', `must be an integer between 128 and 10240 MB but was ${props.memorySize}`,
        'Set `memorySize` within the Lambda limits');
    }
  }

  // --- runtime
  const runtimeName = props.runtime?.name;
  if (runtimeName && !Token.isUnresolved(runtimeName) && props.runtime !== lambda.Runtime.FROM_IMAGE) {
    const at = runtimeCheckDate(scope);
    const c = LambdaRuntimeSupport.classify(runtimeName, at);
    // Only a runtime that is (nearly) deprecated needs the list of alternatives: most functions never build it.
    const upgrade = () => {
      const alternatives = LambdaRuntimeSupport.supportedAlternatives(runtimeName, at);
      return alternatives.length > 0 ? `Upgrade to ${alternatives.join(' or ')}` : 'Upgrade to a supported runtime';
    };
    if (c.status === RuntimeStatus.DEPRECATED) {
      errors.add(SF.RUNTIME_DEPRECATED, 'runtime',
        `must be a supported runtime but ${runtimeName} was deprecated on ${c.deprecationDate} (no more security patches)`,
        `${upgrade()} (runtime table reviewed ${LambdaRuntimeSupport.LAST_REVIEWED})`);
    } else if (c.status === RuntimeStatus.DEPRECATION_SOON) {
      warnings.push(['SLS-LAMBDA-RUNTIME', `runtime ${runtimeName} is deprecated on ${c.deprecationDate} (in ${c.daysUntilDeprecation} days). ${upgrade()}.`]);
    } else if (c.status === RuntimeStatus.UNKNOWN) {
      warnings.push(['SLS-LAMBDA-RUNTIME', `runtime ${runtimeName} is not in the runtime table (reviewed ${LambdaRuntimeSupport.LAST_REVIEWED}); its support status cannot be vouched for.`]);
    }
  }

  // --- environment and secrets
  const notSecret = r.notSecret ?? {};
  for (const [name, just] of Object.entries(notSecret)) {
    ledger.accept(`relaxations.notSecret.${name}`, just, `SLS-LAMBDA-ENV-SECRET[${name}]`);
  }
  for (const [name, value] of Object.entries(props.environment ?? {})) {
    if (notSecret[name] !== undefined) {
      continue;
    }
    const problem = checkEnvironmentEntry(name, value);
    if (problem) {
      errors.add(problem.code, `environment.${name}`, problem.problem, problem.fix);
    }
  }
  for (const name of Object.keys(props.secrets ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
      errors.add(SF.ENV_NAME_INVALID, `secrets.${name}`, 'must be a valid environment variable name', 'Use letters, digits and underscores, starting with a letter');
    }
    if (props.environment && name in props.environment) {
      errors.add(SF.ENV_NAME_CONFLICT, `secrets.${name}`, 'is also set in `environment`', 'Set the variable in `secrets` only');
    }
  }

  // --- tracing, logging, recursion
  if (props.tracing !== undefined && props.tracing !== lambda.Tracing.ACTIVE) {
    ledger.require('relaxations.tracing', r.tracing, 'SLS-LAMBDA-TRACING', {
      code: SF.TRACING_NOT_ACTIVE,
      prop: 'tracing',
      problem: `must be Tracing.ACTIVE but was ${props.tracing}`,
      fix: 'Remove `tracing`, or keep it and set `relaxations.tracing` to a written justification',
    });
  }
  if (props.logGroupRetention === logs.RetentionDays.INFINITE) {
    errors.add(SF.LOG_RETENTION, 'logGroupRetention', 'must be a finite retention but was INFINITE',
      'Choose a finite `logGroupRetention` (default ONE_YEAR); archive to S3 if logs must be kept longer');
  }
  if (props.logRetention !== undefined) {
    errors.add(SF.LOG_RETENTION, 'logRetention', 'is not supported (it creates a log-retention custom resource per stack)',
      'Use `logGroupRetention`: SecureFunction creates the log group itself');
  }
  if (props.logGroup !== undefined) {
    errors.add(SF.LOG_GROUP_MANAGED, 'logGroup', 'is not supported: SecureFunction creates its own encrypted log group',
      'Remove `logGroup`; set `logGroupRetention` and `encryptionKey` to tune it');
  }
  if ((props.loggingFormat !== undefined && props.loggingFormat !== lambda.LoggingFormat.JSON)
    || (props.logFormat !== undefined && props.logFormat !== lambda.LogFormat.JSON)) {
    errors.add(SF.LOG_FORMAT_TEXT, 'loggingFormat', 'must be JSON but was TEXT', 'Remove `loggingFormat`: JSON logs carry the level and request id');
  }
  if (props.recursiveLoop !== undefined && props.recursiveLoop !== lambda.RecursiveLoop.TERMINATE) {
    ledger.require('relaxations.recursiveLoop', r.recursiveLoop, 'SLS-LAMBDA-RECURSIVE-LOOP', {
      code: SF.RECURSIVE_LOOP_ALLOW,
      prop: 'recursiveLoop',
      problem: `must be TERMINATE but was ${props.recursiveLoop}`,
      fix: 'Remove `recursiveLoop`, or set `relaxations.recursiveLoop` to a written justification',
    });
  }

  // --- asynchronous invocation
  if (props.retryAttempts !== undefined && (props.retryAttempts < L.retryAttempts.min || props.retryAttempts > L.retryAttempts.max)) {
    errors.add(SF.ASYNC_RANGE, 'retryAttempts', `must be between 0 and 2 but was ${props.retryAttempts}`, 'Set `retryAttempts` to 0, 1 or 2');
  }
  if (props.maxEventAge && !Token.isUnresolved(props.maxEventAge.toSeconds())) {
    const s = props.maxEventAge.toSeconds();
    if (s < L.maxEventAgeSeconds.min || s > L.maxEventAgeSeconds.max) {
      errors.add(SF.ASYNC_RANGE, 'maxEventAge', `must be between 1 minute and 6 hours but was ${s} seconds`, 'Set `maxEventAge` within the Lambda limits');
    }
  }
  if (props.deadLetterQueueEnabled === false) {
    ledger.require('relaxations.asyncFailure', r.asyncFailure, 'SLS-LAMBDA-ASYNC-FAILURE', {
      code: SF.ASYNC_FAILURE_DISABLED,
      prop: 'deadLetterQueueEnabled',
      problem: 'must not be false: failed asynchronous events would be lost',
      fix: 'Remove `deadLetterQueueEnabled`, or set `relaxations.asyncFailure` to a written justification',
    });
  }

  // --- supply chain
  for (const account of props.allowedLayerAccounts ?? []) {
    if (!Token.isUnresolved(account) && !/^\d{12}$/.test(account)) {
      errors.add(SF.LAYER_ACCOUNT_INVALID, 'allowedLayerAccounts', `must hold 12-digit account ids but holds '${account}'`, 'Fix the account id');
    }
  }
  for (const layer of props.layers ?? []) {
    const problem = checkLayerOrigin(scope, layer, props.allowedLayerAccounts ?? []);
    if (problem) {
      errors.add(SF.LAYER_ORIGIN, 'layers', problem, 'Publish the layer in this account, or add its account to `allowedLayerAccounts`');
    }
  }
  const csc = props.codeSigningConfig;
  if (csc instanceof lambda.CodeSigningConfig) {
    const cfn = csc.node.defaultChild as lambda.CfnCodeSigningConfig;
    const policies = Stack.of(csc).resolve(cfn.codeSigningPolicies);
    if (policies?.untrustedArtifactOnDeployment !== 'Enforce') {
      errors.add(SF.CODE_SIGNING_NOT_ENFORCED, 'codeSigningConfig', 'must use UntrustedArtifactOnDeployment ENFORCE but uses WARN',
        'Create the CodeSigningConfig with `untrustedArtifactOnDeployment: UntrustedArtifactOnDeployment.ENFORCE`');
    }
  }

  // --- IAM
  let wildcardSeen = false;
  for (const statement of props.initialPolicy ?? []) {
    const json = statement.toStatementJson();
    const resources: unknown[] = [].concat(json.Resource ?? []);
    const actions: unknown[] = [].concat(json.Action ?? []);
    const starResource = resources.includes('*');
    const starAction = actions.some((a) => a === '*' || (typeof a === 'string' && a.endsWith(':*')));
    if (json.NotAction || json.NotResource || starResource || starAction) {
      wildcardSeen = true;
    }
  }
  if (wildcardSeen) {
    ledger.require('relaxations.wildcardPolicy', r.wildcardPolicy, 'SLS-IAM-WILDCARD-RESOURCE', {
      code: SF.POLICY_WILDCARD,
      prop: 'initialPolicy',
      problem: 'must not grant `*` actions or resources, service-wide `svc:*` actions, NotAction or NotResource',
      fix: 'Use the resource grant methods (`table.grantReadData(fn)`), or set `relaxations.wildcardPolicy` to a written justification',
    });
  }

  if (r.publicUrl !== undefined) {
    Relaxation.check(errors, SF.JUSTIFICATION_TOO_SHORT, 'relaxations.publicUrl', r.publicUrl);
  }
  return { warnings, relaxations: ledger.accepted };
}

/** Check one environment variable. Unresolved tokens are never treated as safe. */
export function checkEnvironmentEntry(name: string, value: string): { code: string; problem: string; fix: string } | undefined {
  const fix = `Store the value in Secrets Manager or SSM Parameter Store and pass it through \`secrets: { ${name}: FunctionSecret.fromSecret(secret) }\``;
  if (Token.isUnresolved(value)) {
    if (SecretDetector.isSecretName(name)) {
      return {
        code: SF.ENV_SECRET_TOKEN,
        problem: 'has a secret-looking name and a value only known at deploy time (a parameter, an import or an unwrapped SecretValue would put the secret in plain text in the function configuration)',
        fix: `${fix}, or name the variable for what it holds (\`${name}_ARN\`, \`${name}_NAME\`)`,
      };
    }
    const literalPart = value.replace(TOKEN_PATTERN, TOKEN_MARKER);
    const m = SecretDetector.inspectValue(literalPart);
    if (m) {
      return { code: SF.ENV_SECRET_LITERAL, problem: `looks like a secret: ${m.reason}`, fix };
    }
    return undefined;
  }
  const m = SecretDetector.inspect(name, value);
  if (m) {
    return {
      code: SF.ENV_SECRET_LITERAL,
      problem: `looks like a secret: ${m.reason}`,
      fix: `${fix}. If it is not a secret, set \`relaxations.notSecret: { ${name}: '<why>' }\``,
    };
  }
  return undefined;
}

/** Check where a layer comes from. Returns the problem, or undefined when the layer is from an allowed account. */
export function checkLayerOrigin(scope: IConstruct, layer: lambda.ILayerVersion, allowed: string[]): string | undefined {
  const stack = Stack.of(scope);
  const arn = layer.layerVersionArn;
  if (Token.isUnresolved(arn)) {
    if (layer instanceof lambda.LayerVersion && Stack.of(layer).account === stack.account) {
      return undefined; // published by this app, in this account
    }
    return 'must come from this account or an allowed account, but the origin of a layer whose ARN is only known at deploy time cannot be verified';
  }
  const account = Arn.split(arn, ArnFormat.COLON_RESOURCE_NAME).account;
  if (!account) {
    return `must be a layer version ARN with an account id but was '${arn}'`;
  }
  if (account === stack.account || allowed.includes(account)) {
    return undefined;
  }
  const stackAccount = Token.isUnresolved(stack.account) ? 'this environment-agnostic stack (account unknown at synth)' : `account ${stack.account}`;
  return `must come from ${stackAccount} or an allowed account, but ${arn} is published by account ${account}`;
}
