import {
  CfnParameter, CfnResource, DefaultTokenResolver, IPostProcessor, IResolvable, IResolveContext, Reference, Stack, StringConcat,
  Tokenization,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditDate } from '../../../core/audit-date';
import { AuditedResource } from '../../../core/audited-resource';
import { IRule, Severity, VerdictKind } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';

/** What an audit rule says about a draft resource. */
export interface DraftVerdict {
  /** The rule's id (`SLS-IAM-WILDCARD-RESOURCE`). */
  readonly ruleId: string;
  /** A violation, or unable to decide. */
  readonly kind: VerdictKind;
  /** The severity the audit would report it with (the verdict's own, else the rule's; `WARNING` when undecidable). */
  readonly severity: Severity;
  /** What is wrong, in the audit's words (with what is unknown, when undecidable). */
  readonly detail: string;
  /** The finding's id, so it can be acknowledged on its own as `<ruleId>[<findingId>]`. */
  readonly findingId?: string;
  /** The property path in the resource. */
  readonly location?: string;
}

/** The logical id of the draft in its view (never one CDK allocates: those end with an 8-character hash). */
const DRAFT_ID = 'SecureServerlessDraft';

/**
 * A resource a construct is about to create (or a statement it is about to add), judged by the audit's own rule
 * classes before anything exists, so that what the construct refuses is what the audit reports, in the audit's
 * words. The properties are rendered as the stack will render them (tokens resolved), in a view that holds the
 * stack's resources and parameters they reference: a reference to a resource is known (`${Table.Arn}` names one
 * table), a parameter or an import stays unknown, never safe.
 *
 * The referenced resources are in the view by their type only (no properties): enough for what a rule asks of a
 * referenced resource here (which service it belongs to, whether it is a layer version of the app).
 */
export class DraftResource {
  /**
   * Renders the draft and the view around it.
   *
   * @returns undefined when the properties cannot be resolved (aws-cdk-lib throws on them)
   */
  public static render(scope: IConstruct, resourceType: string, properties: { [key: string]: unknown }):
  { resource: AuditedResource; view: StackView } | undefined {
    const stack = Stack.of(scope);
    let rendered: unknown;
    const referenced = new ReferenceRecorder();
    try {
      rendered = stack.resolve(properties);
      Tokenization.resolve(properties, { scope: stack, resolver: referenced });
    } catch {
      return undefined;
    }
    const resources: { [logicalId: string]: unknown } = {};
    const parameters: { [name: string]: unknown } = {};
    for (const target of referenced.targets) {
      if (CfnResource.isCfnResource(target)) {
        resources[Stack.of(target).resolve(target.logicalId)] = { Type: target.cfnResourceType };
      } else if (target instanceof CfnParameter) {
        parameters[Stack.of(target).resolve(target.logicalId)] = { Type: target.type };
      }
    }
    resources[DRAFT_ID] = { Type: resourceType, Properties: rendered };
    const view = new StackView(stack.node.path, { Parameters: parameters, Resources: resources }, { account: stack.account, today: today(scope) });
    return { resource: view.resource(DRAFT_ID)!, view };
  }

  /**
   * Runs `rules` on the draft.
   *
   * @param scope where the resource will be (its stack renders the properties)
   * @param resourceType its CloudFormation type
   * @param properties its properties, tokens and all, as they would be passed to its L1 construct (CloudFormation
   *   casing: `PolicyDocument`, `KmsMasterKeyId`)
   * @param rules the audit rule classes to run
   * @returns every verdict; an unable-to-decide verdict per rule when the properties cannot be rendered
   */
  public static check(scope: IConstruct, resourceType: string, properties: { [key: string]: unknown }, rules: IRule[]): DraftVerdict[] {
    const draft = DraftResource.render(scope, resourceType, properties);
    if (!draft) {
      return rules.map((rule) => undecidable(rule, 'The value cannot be rendered as deployed: aws-cdk-lib cannot resolve it at synth.'));
    }
    return rules.flatMap((rule) => {
      try {
        return rule.check(draft.resource, draft.view).map((verdict): DraftVerdict => ({
          ruleId: rule.id,
          kind: verdict.kind,
          severity: verdict.kind === VerdictKind.UNDECIDABLE ? Severity.WARNING : verdict.severity ?? rule.severity,
          detail: verdict.detail,
          findingId: verdict.findingId,
          location: verdict.location,
        }));
      } catch (e) {
        return [undecidable(rule, `The rule failed (${(e as Error).message}). This is a defect in cdk-secure-serverless: please report it.`)];
      }
    });
  }

  private constructor() {}
}

/** The app's day (`AuditDate`); a malformed context value is the construct's own coded error, not this view's concern. */
function today(scope: IConstruct): string | undefined {
  try {
    return AuditDate.today(scope);
  } catch {
    return undefined;
  }
}

function undecidable(rule: IRule, detail: string): DraftVerdict {
  return { ruleId: rule.id, kind: VerdictKind.UNDECIDABLE, severity: Severity.WARNING, detail };
}

/**
 * Resolves values only to see which stack elements they reference, through any nesting (a `Lazy` or an `Fn.join`
 * holding an attribute), with the public `Reference.target`. Its output is not used: `Stack.resolve` renders the
 * values.
 */
class ReferenceRecorder extends DefaultTokenResolver {
  public readonly targets = new Set<IConstruct>();

  constructor() {
    super(new StringConcat());
  }

  public resolveToken(t: IResolvable, context: IResolveContext, postProcessor: IPostProcessor): any {
    if (Reference.isReference(t)) this.targets.add(t.target);
    return super.resolveToken(t, context, postProcessor);
  }
}
