import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { StackView } from '../../src/core/stack-view';
import { PermissionFindingKind } from '../../src/iam/permission-finding';
import { PolicyAnalyzer } from '../../src/iam/policy-analyzer';
import { PolicySources } from '../../src/iam/policy-sources';
import { viewOf } from '../rules/rule-test-helpers';

/** A plain function with its default role, as a user of aws-cdk-lib writes it. */
export function newFunction(stack: Stack, id = 'Fn', props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = 1'), ...props,
  });
}

/** A finding, reduced to what tests assert: the resource's type, the kind and the finding id. */
export interface FindingSummary {
  readonly type: string;
  readonly kind: PermissionFindingKind;
  readonly findingId: string;
}

/** Every least-privilege finding of every policy-carrying resource of the stack, in template order. */
export function findingsOf(stackOrView: Stack | StackView): FindingSummary[] {
  const view = stackOrView instanceof StackView ? stackOrView : viewOf(stackOrView);
  const types = new Set(PolicySources.resourceTypes());
  return view.resources.filter((r) => types.has(r.resourceType)).flatMap((r) =>
    PolicyAnalyzer.analyzeResource(r, view).map((f) => ({ type: r.resourceType, kind: f.kind, findingId: f.findingId })));
}

/** The details of the findings, for assertions on wording. */
export function detailsOf(stack: Stack): string[] {
  const view = viewOf(stack);
  const types = new Set(PolicySources.resourceTypes());
  return view.resources.filter((r) => types.has(r.resourceType)).flatMap((r) => PolicyAnalyzer.analyzeResource(r, view).map((f) => f.detail));
}

/** Adds a hand-written statement to the function's role, the way users widen roles. */
export function addStatement(fn: lambda.Function, statement: iam.PolicyStatementProps): void {
  fn.addToRolePolicy(new iam.PolicyStatement(statement));
}
