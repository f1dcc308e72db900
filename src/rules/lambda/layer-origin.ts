import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Options of the layer-origin rule. */
export interface LambdaLayerOriginRuleProps {
  /**
   * Accounts whose layers are trusted besides the stack's own (for example a shared-tooling account, or the AWS
   * account that publishes Powertools for AWS Lambda). Twelve-digit account ids.
   *
   * @default - only layers of the stack's own account are trusted
   */
  readonly allowedAccounts?: string[];
}

/** One ARN segment: characters other than `:`, and `${...}` placeholders (which contain `::`). */
const SEGMENT = '(?:\\$\\{[^}]*\\}|[^:$]|\\$(?!\\{))*';
/** `arn:<partition>:lambda:<region>:<account>:layer:<name>[:<version>]`. */
const LAYER_ARN = new RegExp(`^arn:${SEGMENT}:lambda:${SEGMENT}:(${SEGMENT}):layer:([^:]+)(?::${SEGMENT})?$`);
const OWN_ACCOUNT = '${AWS::AccountId}';

/**
 * A layer is code that runs inside the function with its role. A layer from another account can be changed by that
 * account (a new version behind a name you trust, or a compromised publisher), so it is a supply-chain risk (T3).
 *
 * A layer is trusted when it is a `AWS::Lambda::LayerVersion` of this stack, when its ARN names the deploying
 * account (`${AWS::AccountId}`), or when its account is in `allowedAccounts`. A literal account is foreign unless
 * allowed: the template does not say which account it will be deployed to, so a stack with an explicit `env`
 * that builds its own layer ARNs from `Stack.of(this).account` should list that account in `allowedAccounts`.
 * A layer ARN that depends on a parameter or an import is undecidable.
 */
export class LambdaLayerOriginRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-LAYER-ORIGIN';

  public readonly id = LambdaLayerOriginRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'A layer from an account you do not control runs with the function\'s role and can change behind the same name: a supply-chain risk a secure app would still remove, not an opening by itself.';
  public readonly description = 'The Lambda function uses layers only from its own account or from allowed accounts.';
  public readonly remediation = 'Publish the layer in your own account (a `lambda.LayerVersion` in the app), or trust its publisher '
    + 'explicitly: SecureFunction\'s `allowedLayerAccounts` prop, and `new LambdaLayerOriginRule({ allowedAccounts })` in your pack.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  private readonly allowedAccounts: Set<string>;

  constructor(props: LambdaLayerOriginRuleProps = {}) {
    this.allowedAccounts = new Set(props.allowedAccounts ?? []);
  }

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const layers = resource.properties.Layers;
    if (layers === undefined) return [];
    if (Array.isArray(layers)) return layers.flatMap((layer, index) => this.checkLayer(layer, index, stack));
    const whole = readValue(stack, layers);
    return [Verdicts.undecidable('The list of layers of the function is not known.', whole.unknownReason ?? 'a list assembled at deploy time', { location: 'Properties/Layers' })];
  }

  private checkLayer(layer: any, index: number, stack: StackView): Verdict[] {
    const location = `Properties/Layers/${index}`;
    const resolved = stack.resolve(layer);
    if (resolved.referencedLogicalIds.some((id) => stack.resource(id)?.resourceType === 'AWS::Lambda::LayerVersion')) return [];
    const arn = readValue(stack, layer);
    if (!arn.known) {
      return [Verdicts.undecidable(`The origin of layer ${index} is not known.`, arn.unknownReason!, { location, findingId: `layer-${index}` })];
    }
    const match = LAYER_ARN.exec(String(arn.value));
    if (!match) {
      return [Verdicts.undecidable(`Layer ${index} (${arn.value}) is not a layer version ARN whose account can be read.`, 'a value assembled at deploy time', { location, findingId: `layer-${index}` })];
    }
    const [, account, name] = match;
    if (account === OWN_ACCOUNT || this.allowedAccounts.has(account)) return [];
    if (/^\d{12}$/.test(account)) {
      return [Verdicts.violation(`Layer ${name} comes from account ${account}, which is not this stack's account nor an allowed one.`, { location, findingId: name })];
    }
    return [Verdicts.undecidable(`The account of layer ${name} is not known.`, `the account part ${account}`, { location, findingId: name })];
  }
}
