import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newApp } from './reporting-test-helpers';
import { SourceLocations } from '../../src/reporting/source-locations';

describe('SourceLocations', () => {
  test('skips folded aws-cdk-lib frames, node_modules and Node internals to find the user frame', () => {
    expect(SourceLocations.userFrame([
      '...new Queue2 in aws-cdk-lib...',
      'new ThirdParty (/app/node_modules/some-construct/lib/index.js:10:3)',
      '...node internals...',
      'new ServiceStack (/app/lib/service-stack.ts:42:7)',
      'Object.<anonymous> (/app/bin/app.ts:9:1)',
    ])).toEqual({ file: '/app/lib/service-stack.ts', line: 42, column: 7 });
    expect(SourceLocations.userFrame(['/app/bin/app.ts:3:5'])).toEqual({ file: '/app/bin/app.ts', line: 3, column: 5 });
  });

  test("skips this library's own frames, so a Secure construct points at the user's line", () => {
    const ownFile = path.resolve(__dirname, '..', '..', 'src', 'constructs', 'secure-function', 'secure-function.ts');
    expect(SourceLocations.userFrame([`new SecureFunction (${ownFile}:80:5)`, 'new Api (/app/lib/api.ts:5:3)']))
      .toEqual({ file: '/app/lib/api.ts', line: 5, column: 3 });
  });

  test('gives nothing when no frame is the user\'s or traces are disabled', () => {
    expect(SourceLocations.userFrame(['...new Queue2 in aws-cdk-lib...', '...node internals...'])).toBeUndefined();
    const app = newApp({ 'aws:cdk:disable-creation-stack-traces': true });
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    expect(SourceLocations.ofConstruct(queue.node.defaultChild!)).toBeUndefined();
  });

  test('reads the creation stack aws-cdk-lib records on every CfnElement by default', () => {
    const queue = new sqs.Queue(new Stack(newApp(), 'Stack'), 'Queue');
    expect(SourceLocations.ofConstruct(queue.node.defaultChild!)).toMatchObject({ file: __filename });
  });
});
