import { AuditedResource } from '../../../core/audited-resource';
import { StackView } from '../../../core/stack-view';
import { ViewMemo } from '../../../engine/private/view-memo';

const EDGE_PRINCIPAL = 'edgelambda.amazonaws.com';
const MEMO = new ViewMemo<boolean>();

/**
 * Whether a function runs at CloudFront's edge (Lambda@Edge): a CloudFront distribution of the stack associates it
 * (through one of its versions), or its role trusts `edgelambda.amazonaws.com`, which Lambda@Edge requires and which
 * is how `cloudfront.experimental.EdgeFunction` looks in its own us-east-1 stack. CloudFront replicates such a
 * function to every Region it serves from: its logs go to `/aws/lambda/us-east-1.<name>` in each of them, its
 * metrics are in the Region that ran it, and it can have neither a dead-letter queue nor an on-failure destination.
 */
export function isEdgeFunction(fn: AuditedResource, stack: StackView): boolean {
  return MEMO.get(stack, fn.logicalId, () => associatedWithDistribution(fn, stack) || roleTrustsEdge(fn, stack));
}

function associatedWithDistribution(fn: AuditedResource, stack: StackView): boolean {
  const ids = [fn.logicalId, ...stack.referencingResources(fn.logicalId, 'AWS::Lambda::Version').map((v) => v.logicalId)];
  return ids.some((id) => stack.referencingResources(id, 'AWS::CloudFront::Distribution').some((d) => {
    const behaviors = [d.property('DistributionConfig.DefaultCacheBehavior'), ...list(d.property('DistributionConfig.CacheBehaviors'))];
    return behaviors.some((b) => list(b?.LambdaFunctionAssociations)
      .some((a) => stack.resolve(a?.LambdaFunctionARN).referencedLogicalIds.includes(id)));
  }));
}

function list(value: any): any[] {
  return Array.isArray(value) ? value : [];
}

function roleTrustsEdge(fn: AuditedResource, stack: StackView): boolean {
  const role = stack.referencedResource(fn.properties.Role);
  if (role?.resourceType !== 'AWS::IAM::Role') return false;
  const statements = role.property('AssumeRolePolicyDocument.Statement');
  return (Array.isArray(statements) ? statements : []).some((s: any) => {
    const service = s?.Principal?.Service;
    return s?.Effect === 'Allow' && (service === EDGE_PRINCIPAL || (Array.isArray(service) && service.includes(EDGE_PRINCIPAL)));
  });
}
