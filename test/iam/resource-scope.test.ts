import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ResourceScope as S, ResourceScopes } from '../../src/iam/resource-scope';
import { newStack, viewOf } from '../rules/rule-test-helpers';

const scopeOf = (text: string) => ResourceScopes.classify({ text, referencedLogicalIds: [] });

describe('ResourceScopes.classify', () => {
  test.each([
    ['*', S.ALL],
    ['arn:aws:*:*:*:*', S.ALL],
    ['arn:*:s3:::my-bucket', S.ALL],
    ['arn:aws:s3:::*', S.SERVICE_WIDE],
    ['arn:aws:s3:::*/*', S.SERVICE_WIDE],
    ['arn:aws:sqs:*:*:*', S.SERVICE_WIDE],
    ['arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*', S.SERVICE_WIDE],
    ['arn:aws:s3:::logs-*', S.BROAD],
    ['arn:aws:s3:::my-bucket', S.SPECIFIC],
    ['arn:aws:s3:::my-bucket/*', S.SPECIFIC],
    ['arn:aws:s3:::my-bucket/uploads/*', S.SPECIFIC],
    ['arn:aws:iam::123456789012:role/*', S.BROAD],
    ['arn:aws:iam::123456789012:role/service-role/*', S.BROAD],
    ['arn:aws:iam::123456789012:role/app', S.SPECIFIC],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/*', S.BROAD],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/*', S.SPECIFIC],
    ['arn:aws:lambda:us-east-1:123456789012:function:*', S.BROAD],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-fn:*', S.SPECIFIC],
    ['arn:aws:lambda:*:*:function:my-fn', S.BROAD],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-fn:*', S.SPECIFIC],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/*', S.BROAD],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????', S.SPECIFIC],
    ['arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*', S.BROAD],
    ['arn:aws:kms:us-east-1:123456789012:key/*', S.BROAD],
    ['arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/items', S.SPECIFIC],
    ['arn:aws:execute-api:us-east-1:123456789012:*/*', S.SERVICE_WIDE],
    ['${MyBucket.Arn}/*', S.SPECIFIC],
    ['${MyFunction.Arn}:*', S.SPECIFIC],
    ['execute-api:/*', S.BROAD],
  ])('%s is %s', (text, scope) => expect(scopeOf(text)).toBe(scope));

  test('an unknown value is UNKNOWN, ordered between broad and specific', () => {
    expect(ResourceScopes.classify({ unknownReason: 'parameter Arn', referencedLogicalIds: [] })).toBe(S.UNKNOWN);
    expect(ResourceScopes.broadest([S.SPECIFIC, S.UNKNOWN])).toBe(S.UNKNOWN);
    expect(ResourceScopes.broadest([S.UNKNOWN, S.BROAD, S.SPECIFIC])).toBe(S.BROAD);
    expect(ResourceScopes.broadest([])).toBe(S.SPECIFIC);
    expect(ResourceScopes.isBroad(S.UNKNOWN)).toBe(false);
    expect(ResourceScopes.isBroad(S.SERVICE_WIDE)).toBe(true);
  });

  // An unknown account or region cannot widen what a literal resource part names; an unknown name or service can.
  test.each([
    ['arn:aws:sqs:us-east-1:${?}:orders', S.SPECIFIC],
    ['arn:aws:iam::${?}:role/app', S.SPECIFIC],
    ['arn:aws:iam::${?}:role/*', S.BROAD],
    ['arn:${AWS::Partition}:dynamodb:${?}:${?}:table/T', S.SPECIFIC],
    ['arn:aws:sqs:us-east-1:111111111111:${?}', S.UNKNOWN],
    ['arn:aws:s3:::${?}/*', S.UNKNOWN],
    ['arn:aws:${?}:us-east-1:111111111111:thing', S.UNKNOWN],
    ['${?}:orders', S.UNKNOWN],
  ])('a partly known %s is %s', (partialText, scope) => {
    expect(ResourceScopes.classify({ unknownReason: 'parameter X', partialText, referencedLogicalIds: [] })).toBe(scope);
  });
});

describe('ResourceScopes.serviceOf', () => {
  test('reads the ARN service, or the service of the referenced resource', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Bucket');
    new sqs.Queue(stack, 'Queue');
    const view = viewOf(stack);
    const bucket = view.resourcesOfType('AWS::S3::Bucket')[0].logicalId;
    const queue = view.resourcesOfType('AWS::SQS::Queue')[0].logicalId;
    const serviceOf = (text: string) => ResourceScopes.serviceOf({ text, referencedLogicalIds: [] }, view);
    expect(serviceOf(`\${${bucket}.Arn}/*`)).toBe('s3');
    expect(serviceOf(`\${${queue}.Arn}`)).toBe('sqs');
    expect(serviceOf('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/T')).toBe('dynamodb');
    expect(serviceOf('*')).toBeUndefined();
    expect(serviceOf('arn:aws:*:*:*:*')).toBeUndefined();
    const partial = (partialText: string) => ResourceScopes.serviceOf({ unknownReason: 'x', partialText, referencedLogicalIds: [] }, view);
    expect(partial('arn:aws:sqs:us-east-1:${?}:q')).toBe('sqs');
    expect(partial('arn:aws:${?}:us-east-1:1:q')).toBeUndefined();
    expect(ResourceScopes.serviceOfResourceType('AWS::StepFunctions::StateMachine')).toBe('states');
    expect(ResourceScopes.serviceOfResourceType('AWS::Lambda::Function')).toBe('lambda');
  });
});
