import { App, Stack } from 'aws-cdk-lib';
import { StackView } from '../../src/core/stack-view';
import { AuditedStack } from '../../src/engine/audit-engine';
import { ConstructIndex } from '../../src/engine/construct-index';

/** A new app (built-in template validation off) and one stack in it. */
export function newAppAndStack(id = 'Stack'): { app: App; stack: Stack } {
  const app = new App({ builtinCloudFormationValidation: false } as any);
  return { app, stack: new Stack(app, id) };
}

/** A view over a literal template, with no construct tree behind it. */
export function viewOfTemplate(resources: { [logicalId: string]: any }, parameters?: { [name: string]: any }): StackView {
  return new StackView('Literal', { Resources: resources, Parameters: parameters });
}

/** Synthesizes the stack's app and returns the stack as the plugin host sees it: template plus construct tree. */
export function synthesized(stack: Stack): AuditedStack {
  const artifact = (stack.node.root as App).synth().getStackByName(stack.stackName);
  const constructs = ConstructIndex.ofStack(stack);
  return {
    view: new StackView(stack.node.path, artifact.template, { constructPaths: constructs.constructPaths(), templatePath: artifact.templateFullPath }),
    constructs,
  };
}
