import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuthorizationKind } from './bound-authorization';
import { RuleIds } from '../../common/rule-ids';

/**
 * The one place where `SecureApi` acknowledges cdk-nag findings. There are two kinds:
 *
 * 1. A user's justified relaxation of a secure default (public route, no WAF, no tracing) is the same decision that
 *    cdk-nag reports under its own id, so it is acknowledged under that id too, with the user's justification.
 * 2. A cdk-nag rule that judges a secure choice as a finding: `AwsSolutions-COG4` wants every method to use a Cognito
 *    authorizer, so an API deliberately secured with IAM (SigV4) or a Lambda authorizer is reported. The method is
 *    authenticated; the finding is acknowledged on that method, naming the authorization used.
 *
 * Every entry is listed in the README.
 */
export class NagAcknowledgements {
  /** Acknowledge the cdk-nag equivalents of an accepted relaxation of `ruleId` on `resource`. */
  public static forRelaxation(resource: IConstruct, ruleId: string, justification: string): void {
    const ids = NagAcknowledgements.EQUIVALENT_NAG_RULES[ruleId] ?? [];
    if (ids.length > 0) {
      Validations.of(resource).acknowledge(...ids.map((id) => ({ id, reason: justification.trim() })));
    }
  }

  /** Acknowledge `AwsSolutions-COG4` on a method authenticated by something other than Cognito. */
  public static forNonCognitoMethod(method: IConstruct, kind: AuthorizationKind): void {
    const how = kind === AuthorizationKind.IAM ? 'IAM (SigV4) authorization'
      : kind === AuthorizationKind.CUSTOM ? 'a custom authorizer'
        : 'a Lambda authorizer';
    Validations.of(method).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: `The method is authenticated with ${how}, chosen explicitly in SecureApi's authorization. COG4 only accepts Cognito user pool authorizers; the method is not public.`,
    });
  }

  /** cdk-nag rule ids equivalent to an audit rule, for relaxations. */
  private static readonly EQUIVALENT_NAG_RULES: Readonly<Record<string, string[]>> = {
    [RuleIds.APIGW_METHOD_AUTH]: ['AwsSolutions-APIG4', 'AwsSolutions-COG4'],
    [RuleIds.APIGW_WAF]: ['AwsSolutions-APIG3'],
    [RuleIds.APIGW_TRACING]: ['Serverless-APIGWXrayEnabled'],
  };
}
