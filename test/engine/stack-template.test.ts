import * as fs from 'fs';
import * as path from 'path';
import { App, CfnElement, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newAppAndStack } from './engine-test-helpers';
import { ConstructIndex } from '../../src/engine/construct-index';
import { contentsOfStack } from '../../src/engine/private/stack-contents';
import { renderedTemplateOf } from '../../src/engine/private/stack-template';
import { StackViews } from '../../src/engine/stack-views';

/** The stack's template as `cdk synth` writes it (a nested stack's is an asset file of the assembly). */
function written(stack: Stack): { [section: string]: any } {
  const assembly = (stack.node.root as App).synth({ force: true });
  return JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf-8'));
}

/** What each element's `logicalId` token resolves to, with its construct path: the exact, slow way. */
function exactPaths(stack: Stack): { [logicalId: string]: string } {
  const elements = stack.node.findAll().filter((c): c is CfnElement => CfnElement.isCfnElement(c) && c.stack === stack);
  return Object.fromEntries(elements.map((el) => [stack.resolve(el.logicalId), el.node.path]));
}

describe('renderedTemplateOf (the one private aws-cdk-lib call)', () => {
  test('renders the template synthesis writes (and changes nothing it writes), raw overrides, lazy ids and a nested stack included', () => {
    const { stack } = newAppAndStack();
    const queue = new sqs.Queue(stack, 'Queue');
    (queue.node.defaultChild as CfnResource).addPropertyOverride('SqsManagedSseEnabled', false);
    (queue.node.defaultChild as CfnResource).overrideLogicalId('Renamed');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'),
    });
    new apigateway.RestApi(stack, 'Api', { cloudWatchRole: false }).root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    const nested = new NestedStack(stack, 'Child');
    new sqs.Queue(nested, 'Inner');
    stack.renameLogicalId(stack.getLogicalId(fn.node.defaultChild as CfnElement), 'TheFunction');
    // The hosts render after aws-cdk-lib has prepared the tree (the Aspect in the validation phase of a synthesis).
    const templates = [written(stack), written(nested)];
    const rendered = [renderedTemplateOf(stack), renderedTemplateOf(nested)];
    expect(rendered[0].Resources.Renamed.Properties.SqsManagedSseEnabled).toBe(false);
    expect(rendered[0].Resources.TheFunction.Type).toBe('AWS::Lambda::Function');
    expect(rendered).toEqual(templates);
    expect([written(stack), written(nested)]).toEqual(templates);
    for (const [s, template] of [[stack, rendered[0]], [nested, rendered[1]]] as const) {
      expect(ConstructIndex._ofTemplate(contentsOfStack(s), template).constructPaths()).toEqual(exactPaths(s));
      expect(StackViews.fromStack(s).constructs!.constructPaths()).toEqual(exactPaths(s));
    }
  });

  test('a SAM transform, also the deprecated templateOptions.transform, renders as a string, and rendering first does not make synthesis write a list', () => {
    const modern = newAppAndStack('Modern').stack;
    modern.addTransform('AWS::Serverless-2016-10-31');
    const legacy = newAppAndStack('Legacy').stack;
    (legacy.templateOptions as { transform?: string }).transform = 'AWS::Serverless-2016-10-31';
    for (const stack of [modern, legacy]) {
      new sqs.Queue(stack, 'Queue');
      expect(renderedTemplateOf(stack).Transform).toBe('AWS::Serverless-2016-10-31');
      expect(renderedTemplateOf(stack).Transform).toBe('AWS::Serverless-2016-10-31');
      expect(written(stack).Transform).toBe('AWS::Serverless-2016-10-31');
    }
  });

  test('fails with a coded error naming the stack when aws-cdk-lib no longer has the method', () => {
    const { stack } = newAppAndStack();
    Object.defineProperty(stack, '_toCloudFormation', { value: undefined });
    expect(() => renderedTemplateOf(stack)).toThrow(/^\[AUD001\] Stack: .*ServerlessSecurityChecks/);
  });
});
