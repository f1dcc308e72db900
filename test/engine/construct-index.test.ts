import { App, CfnElement, CfnResource, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newAppAndStack } from './engine-test-helpers';
import { ConstructIndex } from '../../src/engine/construct-index';
import { contentsOfStack } from '../../src/engine/private/stack-contents';

describe('ConstructIndex', () => {
  test('maps the logical ids the template will use, overrides included, to their constructs and back', () => {
    const { stack } = newAppAndStack();
    const queue = new sqs.Queue(stack, 'Queue');
    const renamed = new sqs.Queue(stack, 'Renamed');
    (renamed.node.defaultChild as CfnResource).overrideLogicalId('MyQueue');
    const index = ConstructIndex.ofStack(stack);
    const queueId = stack.resolve((queue.node.defaultChild as CfnResource).logicalId);
    expect(index.constructOf(queueId)).toBe(queue.node.defaultChild);
    expect(index.constructOf('MyQueue')).toBe(renamed.node.defaultChild);
    expect(index.logicalIdOf(renamed.node.defaultChild!)).toBe('MyQueue');
    expect(index.constructPaths()).toMatchObject({ [queueId]: 'Stack/Queue/Resource', MyQueue: 'Stack/Renamed/Resource' });
    expect(index.constructOf('Nope')).toBeUndefined();
  });

  test('finds lazy logical ids (an API Gateway deployment\'s hash), with or without the template ids', () => {
    const { app, stack } = newAppAndStack();
    new apigateway.RestApi(stack, 'Api', { cloudWatchRole: false }).root.addMethod('GET');
    const template = (app as App).synth().getStackByName(stack.stackName).template;
    const expected = Object.fromEntries(stack.node.findAll().filter(CfnElement.isCfnElement)
      .map((el) => [stack.resolve(el.logicalId), el.node.path]));
    expect(Object.keys(expected).some((id) => /^ApiDeployment[0-9A-F]{8}[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(ConstructIndex.ofStack(stack, Object.keys(template.Resources)).constructPaths()).toEqual(expected);
    expect(ConstructIndex.ofStack(stack).constructPaths()).toEqual(expected);
  });

  test('maps ids overridden crosswise (two queues swapping ids) to their constructs when the template has path metadata', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:enable-path-metadata': true } } as any);
    const stack = new Stack(app, 'Stack');
    const [first, second] = ['First', 'Second'].map((id) => new sqs.Queue(stack, id).node.defaultChild as CfnResource);
    first.overrideLogicalId(stack.getLogicalId(second));
    second.overrideLogicalId(stack.getLogicalId(first));
    const template = app.synth().getStackByName(stack.stackName).template;
    const expected = Object.fromEntries([first, second].map((el) => [stack.resolve(el.logicalId), el.node.path]));
    expect(ConstructIndex._ofTemplate(contentsOfStack(stack), template).constructPaths()).toMatchObject(expected);
  });

  test('stops at nested stacks, which have their own template', () => {
    const { stack } = newAppAndStack();
    new sqs.Queue(stack, 'Top');
    const nested = new NestedStack(stack, 'Child');
    new sqs.Queue(nested, 'Inner');
    const paths = (s: Stack) => Object.values(ConstructIndex.ofStack(s).constructPaths());
    expect(paths(stack)).toContain('Stack/Top/Resource');
    expect(paths(stack).some((p) => p.includes('Inner'))).toBe(false);
    expect(paths(nested)).toContain('Stack/Child/Inner/Resource');
  });

  test('gives each element the construct path node.path gives: a stack in a stage, a stack without an app', () => {
    const app = new App({ builtinCloudFormationValidation: false } as any);
    const staged = new Stack(new Stage(app, 'Prod'), 'Service');
    const alone = new Stack();
    for (const stack of [staged, alone]) {
      new sqs.Queue(new Construct(stack, 'Group'), 'Queue');
      const elements = stack.node.findAll().filter(CfnElement.isCfnElement);
      const expected = Object.fromEntries(elements.map((el) => [stack.resolve(el.logicalId), el.node.path]));
      expect(Object.values(expected)).toContain(`${stack.node.path}/Group/Queue/Resource`);
      expect(ConstructIndex.ofStack(stack).constructPaths()).toEqual(expected);
    }
  });

  test('lists the logical ids under a construct', () => {
    const { stack } = newAppAndStack();
    const group = new Construct(stack, 'Group');
    new sqs.Queue(group, 'A');
    new sqs.Queue(group, 'B');
    new sqs.Queue(stack, 'Outside');
    const index = ConstructIndex.ofStack(stack);
    expect(index.logicalIdsUnder(group).map((id) => index.constructOf(id)!.node.path).sort())
      .toEqual(['Stack/Group/A/Resource', 'Stack/Group/B/Resource']);
  });
});
