import { IRule } from './rule';

/**
 * Every rule that ships with the library, as a table: one line per rule, grouped by service. Packs select from
 * this table; the registry test checks that every rule here is documented, tested and has a unique id.
 *
 * To add a rule: write `src/rules/<service>/<rule-name>.ts` and its test, then add one line below.
 */
export class BuiltInRules {
  /** A fresh instance of every built-in rule. */
  public static all(): IRule[] {
    return [
      // --- AWS Lambda ----------------------------------------------------------------------------------------------
      // --- IAM -----------------------------------------------------------------------------------------------------
      // --- SQS, SNS, EventBridge, Step Functions, CloudWatch Logs, DynamoDB, S3 ------------------------------------------
      // --- API Gateway (REST and HTTP APIs) and Cognito -----------------------------------------------------------------
    ];
  }
}
