import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PolicyDocumentView, readPolicyDocument, readStatement } from '../iam/private/policy-document';
import { publicStatementVerdicts } from '../iam/private/resource-policy';

/**
 * Flags event bus policies that let anyone (`Principal: "*"`) put events on the bus without a condition that narrows
 * the callers (`aws:PrincipalOrgID`, `aws:SourceAccount`...): anyone could then trigger every rule of the bus with
 * forged events. Reads `AWS::Events::EventBusPolicy` (its `Statement`, or the older `Principal`/`Action`/`Condition`
 * form) and the `Policy` of `AWS::Events::EventBus`.
 */
export class EventsBusPolicyPublicRule implements IRule {
  public readonly id: string = 'SLS-EVENTS-BUS-POLICY-PUBLIC';
  public readonly category: RuleCategory = RuleCategory.INPUT_VALIDATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly description: string = 'EventBridge event bus policies admit only named principals, or "*" narrowed by aws:PrincipalOrgID or aws:SourceAccount.';
  public readonly remediation: string = 'Grant events:PutEvents to named accounts or roles (eventBus.grantPutEventsTo(principal)), '
    + 'or add a condition on aws:PrincipalOrgID to the bus policy statement.';
  public readonly resourceTypes: string[] = ['AWS::Events::EventBusPolicy', 'AWS::Events::EventBus'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return publicStatementVerdicts(documentOf(resource, stack), stack, { noun: 'event bus' });
  }
}

function documentOf(resource: AuditedResource, stack: StackView): PolicyDocumentView {
  const props = resource.properties;
  if (resource.type === 'AWS::Events::EventBus') {
    return readPolicyDocument(props.Policy, stack, 'Properties/Policy');
  }
  if (props.Statement !== undefined) {
    const statement = readStatement(props.Statement, stack, 'Properties/Statement', 0);
    return { statements: statement ? [{ ...statement, key: keyOf(props.StatementId, statement.key) }] : [] };
  }
  if (props.Principal === undefined) return { statements: [] };
  const legacy = readStatement({
    Effect: 'Allow',
    Action: props.Action,
    Principal: props.Principal === '*' ? '*' : { AWS: props.Principal },
    Condition: legacyCondition(props.Condition),
  }, stack, 'Properties', 0);
  return { statements: legacy ? [{ ...legacy, key: keyOf(props.StatementId, legacy.key) }] : [] };
}

/** `{Type: 'StringEquals', Key: 'aws:PrincipalOrgID', Value: 'o-1'}` -> `{StringEquals: {'aws:PrincipalOrgID': 'o-1'}}`. */
function legacyCondition(condition: any): any {
  if (!condition || typeof condition.Type !== 'string' || typeof condition.Key !== 'string') return undefined;
  return { [condition.Type]: { [condition.Key]: condition.Value } };
}

function keyOf(statementId: any, fallback: string): string {
  return typeof statementId === 'string' && /^[A-Za-z0-9\-_.]+$/.test(statementId) ? statementId : fallback;
}
