import { AuditedResource } from '../../core/audited-resource';
import { isIntrinsic } from '../../core/private/values';

import { ValueKind } from '../../core/resolved-value';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { SecretDetector, SecretKind } from '../../shared/secret-detector';

/**
 * A secret in an environment variable is in the template, in `cdk.out`, in source control and in the function
 * configuration, where `lambda:GetFunctionConfiguration` (part of ReadOnlyAccess) shows it in clear (T5). What
 * looks like a secret is decided by the library's `SecretDetector`, shared with SecureFunction, so the construct
 * and the audit always agree. One finding per variable, identified by the variable name.
 *
 * Decisions, value by value:
 * - a literal (or a value assembled from literals and resources) that looks like a secret by name or by shape: error;
 * - a reference to a resource (`Ref` / `Fn::GetAtt`, such as a secret's ARN or name): fine, the function reads the
 *   secret at run time;
 * - a Secrets Manager dynamic reference (`{{resolve:secretsmanager:...}}`, also what `SecretValue.unsafeUnwrap()`
 *   produces): the secret stays out of the template, but CloudFormation writes its value into the function
 *   configuration in clear; reported as a warning so that the remaining exposure stays visible;
 * - a value from a parameter, an import or an SSM dynamic reference, under a name that looks like a secret (the
 *   variable's or the parameter's): undecidable. `NoEcho` does not help here: it hides the parameter in
 *   CloudFormation, yet Lambda stores the resolved value in the function configuration in clear. Other parameter
 *   values are not reported.
 */
export class LambdaEnvSecretRule implements IRule {
  public readonly id = 'SLS-LAMBDA-ENV-SECRET';
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly description = 'The Lambda function has no secret-looking literal in its environment variables.';
  public readonly remediation = 'Store the secret in Secrets Manager or SSM Parameter Store and pass it through SecureFunction\'s '
    + '`secrets` prop (the function gets the secret\'s ARN and read access to exactly that secret), then read it at run time.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const variables = resource.property('Environment.Variables');
    if (isIntrinsic(variables)) {
      return [Verdicts.undecidable('The environment variables of the function are not known.', stack.resolve(variables).unknownReason ?? 'a value assembled at deploy time', { location: 'Properties/Environment/Variables' })];
    }
    if (!variables || typeof variables !== 'object' || Array.isArray(variables)) return [];
    return Object.entries<any>(variables).flatMap(([name, value]) => this.checkVariable(name, value, stack));
  }

  private checkVariable(name: string, value: any, stack: StackView): Verdict[] {
    const options = { location: `Properties/Environment/Variables/${name}`, findingId: name };
    if ((value === null || typeof value !== 'object') && !String(value).includes('{{resolve:')) {
      const match = SecretDetector.inspect(name, String(value));
      return match ? [this.secretVerdict(name, match.kind, match.reason, options)] : [];
    }
    const resolved = stack.resolve(value);
    switch (resolved.kind) {
      case ValueKind.RESOURCE_REFERENCE:
        return [];
      case ValueKind.DEPLOY_TIME: {
        const match = SecretDetector.inspectValue(String(resolved.value));
        return match ? [this.secretVerdict(name, match.kind, match.reason, options)] : [];
      }
      default:
        return this.checkExternal(name, value, resolved.unknownReason ?? 'a value unknown at synth time', stack, options);
    }
  }

  private checkExternal(name: string, value: any, reason: string, stack: StackView,
    options: { location: string; findingId: string }): Verdict[] {
    const dynamic = SecretDetector.inspectValue(literalText(value));
    if (dynamic?.kind === SecretKind.SECRET_DYNAMIC_REFERENCE) {
      return [this.secretVerdict(name, dynamic.kind, dynamic.reason, options)];
    }
    const secretNames = [name, ...parameterNames(value, stack)].filter((n) => SecretDetector.isSecretName(n));
    if (secretNames.length === 0) return [];
    return [Verdicts.undecidable(`Environment variable ${name} may hold a secret (the name ${secretNames[0]} suggests one) in clear `
      + 'in the function configuration; NoEcho parameters are stored there in clear too.', reason, options)];
  }

  private secretVerdict(name: string, kind: SecretKind, reason: string, options: { location: string; findingId: string }): Verdict {
    if (kind === SecretKind.SECRET_DYNAMIC_REFERENCE) {
      return Verdicts.violation(`Environment variable ${name}: ${reason}, readable by anyone allowed lambda:GetFunctionConfiguration.`, { ...options, severity: Severity.WARNING });
    }
    return Verdicts.violation(`Environment variable ${name} holds a literal that looks like a secret: ${reason}.`, options);
  }
}

/** The literal strings of a value, joined: enough to find a dynamic reference split across `Fn::Join` parts. */
function literalText(value: any): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return '';
  return Object.values<any>(value).map(literalText).join('');
}

/** The template parameters a value refers to (`Ref` or `Fn::Sub` placeholders). */
function parameterNames(value: any, stack: StackView): string[] {
  const names: string[] = [];
  const walk = (v: any): void => {
    if (v === null || typeof v !== 'object') return;
    for (const [key, inner] of Object.entries<any>(v)) {
      if (key === 'Ref' && typeof inner === 'string' && stack.isParameter(inner)) {
        names.push(inner);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        const placeholders = [...String(text).matchAll(/\$\{([^!}.][^}.]*)\}/g)].map((m) => m[1]);
        names.push(...placeholders.filter((name) => stack.isParameter(name)));
        if (Array.isArray(inner)) walk(inner[1]);
      } else {
        walk(inner);
      }
    }
  };
  walk(value);
  return names;
}
