import { StackView } from '../../src/core/stack-view';

describe('the view applies SAM Globals as the transform does', () => {
  const view = new StackView('Sam', {
    Transform: 'AWS::Serverless-2016-10-31',
    Globals: {
      Function: { Runtime: 'nodejs16.x', Timeout: 30, Environment: { Variables: { STAGE: 'prod', DB_PASSWORD: 'hunter2hunter2' } }, Layers: ['arn:layer:a'] },
      Api: { Auth: { DefaultAuthorizer: 'AWS_IAM' } },
    },
    Resources: {
      Fn: {
        Type: 'AWS::Serverless::Function',
        Properties: {
          Timeout: 5,
          Environment: { Variables: { STAGE: 'dev' } },
          Layers: ['arn:layer:b'],
          Events: { Get: { Type: 'Api', Properties: { Path: '/', Method: 'get' } } },
        },
      },
      Plain: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x' } },
    },
  });

  test('a property the resource sets wins; maps merge; lists are the globals then the resource\'s', () => {
    expect(view.resource('Fn')!.properties).toMatchObject({
      Runtime: 'nodejs16.x',
      Timeout: 5,
      Environment: { Variables: { STAGE: 'dev', DB_PASSWORD: 'hunter2hunter2' } },
      Layers: ['arn:layer:a', 'arn:layer:b'],
    });
  });

  test('only SAM resources take Globals', () => {
    expect(view.resource('Plain')!.properties).toEqual({ Runtime: 'nodejs22.x' });
  });

  test('the implicit API SAM creates for an event that names none is in the view, configured by Globals.Api', () => {
    expect(view.resource('ServerlessRestApi')).toMatchObject({ resourceType: 'AWS::Serverless::Api', properties: { Auth: { DefaultAuthorizer: 'AWS_IAM' } } });
    expect(view.resource('ServerlessHttpApi')).toBeUndefined();
  });
});
