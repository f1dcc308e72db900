import { Stack } from 'aws-cdk-lib';

/** Code of the error raised when this aws-cdk-lib cannot render a stack's template before it is written. */
export const TEMPLATE_RENDERING_UNAVAILABLE = 'AUD001';

/** The one private aws-cdk-lib member the library uses (see `renderedTemplateOf`). */
interface RenderingStack {
  _toCloudFormation(): { [section: string]: any } | undefined;
}

/**
 * The template a stack will synthesize, rendered from the construct tree (tokens resolved, raw overrides applied),
 * for the hosts that audit before the templates are written: the Aspect (which must annotate during the synthesis)
 * and the direct audits (`audit`, `evaluate`, `validateScope`, which synthesize nothing).
 *
 * This is the one place the library calls a private aws-cdk-lib method: `Stack._toCloudFormation()`, the method
 * `cdk synth` itself writes each template with (the same on aws-cdk-lib 2.258 to 2.276). No public API does it:
 * `Stack.resolve` over each `CfnElement`'s public surface misses the raw overrides (`addOverride`,
 * `addPropertyOverride`, which the audit must judge: they are the escape hatch insecure code uses), and
 * `Template.fromStack` (assertions) synthesizes the whole app, which an Aspect running inside a synthesis cannot do.
 * Rendering element by element with the private `CfnElement._toCloudFormation()` instead, in a copy of aws-cdk-lib's
 * section merge, was measured and is no faster: 2026-12-04, bench app of 1,000 functions behind REST routes
 * (17 stacks), one process, 7 interleaved rounds, median CPU to render all 17 stacks 1,068 ms element by element vs
 * 1,083 ms through `Stack._toCloudFormation()` (within the noise of a shared 2-core VM), for a second copy of private
 * logic. What was slow was resolving the returned template once more: it is already resolved.
 *
 * Rendering has one side effect in aws-cdk-lib: a stack using the deprecated `templateOptions.transform` gets it
 * appended to `templateOptions.transforms` on each call, so a second rendering (the real synthesis, after the audit)
 * would write `Transform` as a list. The transforms are restored after the call, so the template written is the one
 * the audit judged.
 *
 * @throws an error coded AUD001 naming the stack, when a future aws-cdk-lib no longer has the method
 */
export function renderedTemplateOf(stack: Stack): { [section: string]: any } {
  const rendering = stack as unknown as Partial<RenderingStack>;
  if (typeof rendering._toCloudFormation !== 'function') {
    throw new Error(`[${TEMPLATE_RENDERING_UNAVAILABLE}] ${stack.node.path}: this aws-cdk-lib no longer has `
      + 'Stack._toCloudFormation(), which the ServerlessSecurityAspect and the direct audits (audit, evaluate, '
      + 'validateScope) use to render a template before it is written. Audit with the ServerlessSecurityChecks '
      + 'validation plugin (it reads the synthesized templates), or use an aws-cdk-lib version this library supports, '
      + 'and report the version at the library\'s issue tracker.');
  }
  const options = stack.templateOptions;
  const transforms = options.transforms === undefined ? undefined : [...options.transforms];
  try {
    return rendering._toCloudFormation() ?? {};
  } finally {
    options.transforms = transforms;
  }
}
