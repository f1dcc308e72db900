import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { newApp, tempDir } from './reporting-test-helpers';
import { SourceLocator } from '../../src/reporting/private/source-locations';

describe('SourceLocator: creation stack traces (TypeScript and JavaScript apps)', () => {
  test('skips folded aws-cdk-lib frames, node_modules and Node internals to find the user frame', () => {
    expect(SourceLocator.userFrame([
      '...new Queue2 in aws-cdk-lib...',
      'new ThirdParty (/app/node_modules/some-construct/lib/index.js:10:3)',
      '...node internals...',
      'new ServiceStack (/app/lib/service-stack.ts:42:7)',
      'Object.<anonymous> (/app/bin/app.ts:9:1)',
    ])).toEqual({ file: '/app/lib/service-stack.ts', line: 42, column: 7 });
    expect(SourceLocator.userFrame(['/app/bin/app.ts:3:5'])).toEqual({ file: '/app/bin/app.ts', line: 3, column: 5 });
  });

  test("skips this library's own frames, so a Secure construct points at the user's line", () => {
    const ownFile = path.resolve(__dirname, '..', '..', 'src', 'constructs', 'secure-function', 'secure-function.ts');
    expect(SourceLocator.userFrame([`new SecureFunction (${ownFile}:80:5)`, 'new Api (/app/lib/api.ts:5:3)']))
      .toEqual({ file: '/app/lib/api.ts', line: 5, column: 3 });
  });

  test('skips the JavaScript runtime jsii embeds in Python, Java, .NET and Go packages', () => {
    expect(SourceLocator.userFrame([
      'Kernel._create (/app/.venv/lib/python3.12/site-packages/jsii/_embedded/jsii/lib/program.js:9012:19)',
      'Kernel.create (/tmp/jsii-java-runtime1234/lib/program.js:8000:5)',
      'Kernel.create (/tmp/jsii-runtime.5678/lib/program.js:8000:5)',
      'Object.create (/tmp/jsii-kernel-x1/node_modules/aws-cdk-lib/core/lib/stack.js:1:1)',
    ])).toBeUndefined();
  });

  test('reads the creation stack aws-cdk-lib records on every CfnElement by default', () => {
    const queue = new sqs.Queue(new Stack(newApp(), 'Stack'), 'Queue');
    expect(new SourceLocator(tempDir('empty')).locate(queue.node.defaultChild!)).toMatchObject({ file: __filename });
  });
});

describe('SourceLocator: construct ids in the source files (Python, Java, Go, C# apps)', () => {
  /** An app folder with the files of a Python app, and a construct tree without creation stack traces. */
  function pythonApp() {
    const root = tempDir('python-app');
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('app.py', [
      'import aws_cdk as cdk',
      'from orders.orders_stack import OrdersStack',
      'app = cdk.App()',
      'OrdersStack(app, "Orders")',
      'OrdersStack(app, "OrdersCopy")',
      'app.synth()',
    ].join('\n'));
    write('orders/orders_stack.py', [
      'class OrdersStack(cdk.Stack):',
      '    def __init__(self, scope, construct_id, **kwargs):',
      '        super().__init__(scope, construct_id, **kwargs)',
      "        queue = sqs.Queue(self, 'Events')",
      '        api = Construct(self, "Api")',
      '        fn = _lambda.Function(api, "Handler", runtime=_lambda.Runtime.PYTHON_3_12)',
    ].join('\n'));
    // Another "Handler", in a file read first but that does not name the handler's parent.
    write('a_reports/other_stack.py', '        fn = _lambda.Function(self, "Handler")\n');
    // What the index must not read: dependencies, virtual environments, build output, cloud assemblies.
    write('.venv/lib/site.py', 'x = "Events"\n');
    write('node_modules/x/index.js', 'new Queue(this, "Events")\n');
    write('cdk.out/tree.json', '{ "id": "Events" }\n');
    write('target/Gen.java', 'new Queue(this, "Events");\n');

    const app = newApp({ 'aws:cdk:disable-creation-stack-traces': true });
    const stack = new Stack(app, 'Orders');
    const queue = new sqs.Queue(stack, 'Events');
    const handler = new Construct(new Construct(stack, 'Api'), 'Handler');
    const unknown = new Construct(stack, 'NotInTheSources');
    return { root, stack, queue, handler, unknown };
  }

  test('finds the literal id of the nearest construct that has one, preferring the file that also names its ancestors', () => {
    const { root, queue, handler, unknown, stack } = pythonApp();
    const locator = new SourceLocator(root);
    expect(locator.locate(queue.node.defaultChild!)).toEqual({ file: path.join(root, 'orders', 'orders_stack.py'), line: 4, column: 33 });
    expect(locator.locate(handler)).toEqual({ file: path.join(root, 'orders', 'orders_stack.py'), line: 6, column: 36 });
    // No literal of its own: the stack's.
    expect(locator.locate(unknown)).toEqual({ file: path.join(root, 'app.py'), line: 4, column: 18 });
    expect(locator.locate(stack)).toEqual({ file: path.join(root, 'app.py'), line: 4, column: 18 });
  });

  test('Java, Go and C# literals are found too', () => {
    const root = tempDir('jvm-app');
    fs.writeFileSync(path.join(root, 'OrdersStack.java'), 'public class OrdersStack {\n  Queue q = new Queue(this, "Events");\n}\n');
    fs.writeFileSync(path.join(root, 'main.go'), 'func main() {\n\tawssqs.NewQueue(stack, jsii.String(`Jobs`), nil)\n}\n');
    fs.writeFileSync(path.join(root, 'Stack.cs'), 'class S {\n\n  void M() { new Topic(this, "Alarms"); }\n}\n');
    const app = newApp({ 'aws:cdk:disable-creation-stack-traces': true });
    const stack = new Stack(app, 'Stack');
    const locator = new SourceLocator(root);
    expect(locator.locate(new Construct(stack, 'Events'))).toMatchObject({ file: path.join(root, 'OrdersStack.java'), line: 2 });
    expect(locator.locate(new Construct(stack, 'Jobs'))).toMatchObject({ file: path.join(root, 'main.go'), line: 2 });
    expect(locator.locate(new Construct(stack, 'Alarms'))).toMatchObject({ file: path.join(root, 'Stack.cs'), line: 3 });
    expect(locator.locate(new Construct(stack, 'Nowhere'))).toBeUndefined();
  });
});
