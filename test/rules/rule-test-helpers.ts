import { App, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { AuditDate } from '../../src/core/audit-date';
import { AuditedResource } from '../../src/core/audited-resource';
import { IRule, Verdict } from '../../src/core/rule';
import { StackView } from '../../src/core/stack-view';

/** A new app and stack for a rule test, with aws-cdk-lib's slow built-in template validation off. */
export function newStack(id = 'Stack', context?: { [key: string]: any }): Stack {
  const app = new App({ builtinCloudFormationValidation: false, context } as any);
  return new Stack(app, id);
}

/** Synthesizes the stack (overrides applied, tokens resolved) and builds its deployed view. */
export function viewOf(stack: Stack): StackView {
  const assembly = (stack.node.root as App).synth();
  const artifact = assembly.getStackByName(stack.stackName);
  return new StackView(stack.node.path, artifact.template, { templatePath: artifact.templateFullPath, today: AuditDate.today(stack) });
}

/** One verdict, with the resource it is about. */
export interface RuleResult extends Verdict {
  readonly logicalId: string;
  readonly constructPath: string;
}

/** Runs one rule over every resource of the types it reads, as the engine does. */
export function checkRule(rule: IRule, stack: Stack): RuleResult[] {
  const view = viewOf(stack);
  const results: RuleResult[] = [];
  for (const type of rule.resourceTypes) {
    for (const resource of view.resourcesOfType(type)) {
      for (const verdict of rule.check(resource, view)) {
        results.push({ ...verdict, logicalId: resource.logicalId, constructPath: resource.constructPath });
      }
    }
  }
  return results;
}

/** The resources of a type in the synthesized stack, to find logical ids in assertions. */
export function resourcesOf(stack: Stack, type: string): AuditedResource[] {
  return viewOf(stack).resourcesOfType(type);
}

/**
 * A condition the template cannot decide on its own (it compares a parameter), as a real app's `IsProd` does; a
 * condition on literals (`Fn.conditionEquals('a', 'b')`) is decided by the value model and is no condition at all.
 */
export function undecidedCondition(stack: Stack, id: string): CfnCondition {
  const parameter = new CfnParameter(stack, `${id}Parameter`, { type: 'String' });
  return new CfnCondition(stack, id, { expression: Fn.conditionEquals(parameter.valueAsString, 'yes') });
}
