import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { storedSecretValue, writtenSecret } from '../private/secret-values';

/**
 * The properties that hold the master password (or auth token) of the data stores a serverless app reaches from its
 * functions. A `*` step is every item of a list.
 */
const PASSWORD_PROPERTIES: { [type: string]: string[] } = {
  'AWS::RDS::DBCluster': ['MasterUserPassword'],
  'AWS::RDS::DBInstance': ['MasterUserPassword'],
  'AWS::DocDB::DBCluster': ['MasterUserPassword'],
  'AWS::Redshift::Cluster': ['MasterUserPassword'],
  'AWS::RedshiftServerless::Namespace': ['AdminUserPassword'],
  'AWS::ElastiCache::ReplicationGroup': ['AuthToken'],
  'AWS::OpenSearchService::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::Elasticsearch::Domain': ['AdvancedSecurityOptions.MasterUserOptions.MasterUserPassword'],
  'AWS::AmazonMQ::Broker': ['Users.*.Password'],
};

/**
 * A data store's master password written in the template (T5): `Credentials.fromPassword(user,
 * SecretValue.unsafePlainText(...))`, a literal `masterUserPassword` on an L1, an auth token in clear. The password sits
 * in the template, `cdk.out` and source control, and whoever reads any of them can log in to the database with full
 * rights, past every IAM policy of the app.
 *
 * Decisions:
 * - a literal (or a value assembled around a literal with a credential's shape): an error, unless it is an obvious
 *   placeholder (`CHANGE_ME`) that is set out of band;
 * - a value from a parameter without `NoEcho` (DescribeStacks shows it) or from another stack's export (ListExports
 *   lists it): an error;
 * - a Secrets Manager dynamic reference (what `Credentials.fromGeneratedSecret` and `fromSecret` produce), a `NoEcho`
 *   parameter, or a value only deployment knows: fine; the service keeps the password and never shows it.
 * Finding ids are the property path (`MasterUserPassword`, `Users.0.Password`).
 */
export class DataStorePasswordLiteralRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-DATASTORE-PASSWORD-LITERAL';

  public readonly id = DataStorePasswordLiteralRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A master password written in the template is readable in the template, cdk.out, source control '
    + 'and CloudFormation\'s records, and opens the database with full rights past every IAM policy.';
  public readonly description = 'Database, cache, search and broker master passwords are not written in the template.';
  public readonly remediation = 'Let Secrets Manager generate the password (`rds.Credentials.fromGeneratedSecret(\'admin\')`, the default of '
    + 'the L2 clusters; for other stores a `secretsmanager.Secret` with `generateSecretString` passed as `secret.secretValue`), '
    + 'or pass it in a NoEcho parameter; never `SecretValue.unsafePlainText(...)`.';
  public readonly resourceTypes = Object.keys(PASSWORD_PROPERTIES);

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const path of PASSWORD_PROPERTIES[resource.resourceType] ?? []) {
      for (const { at, value } of valuesAt(resource.properties, path.split('.'))) {
        if (value === undefined || value === null || value === '') continue;
        const options = { location: `Properties/${at.join('/')}`, findingId: FindingIds.sanitize(at.join('.')) };
        const property = at.join('.');
        const stored = storedSecretValue(value, stack);
        if (stored.exposure !== undefined) {
          verdicts.push(Verdicts.violation(`${property} of ${resource.resourceType} ${resource.logicalId} takes its value from ${stored.exposure}.`, options));
          continue;
        }
        const written = stored.text === undefined ? undefined : writtenSecret(stored.text);
        if (!written) continue;
        const subject = `${property} of ${resource.resourceType} ${resource.logicalId}`;
        verdicts.push(Verdicts.violation(written.assembledReason === undefined
          ? `${subject} is a literal password written in the template.`
          : `${subject} is assembled around a literal secret (${written.assembledReason}).`, options));
      }
    }
    return verdicts;
  }
}

/** The values at a property path, with the concrete path of each (`*` expands to every index of a list). */
function valuesAt(holder: any, steps: string[], at: string[] = []): Array<{ at: string[]; value: any }> {
  if (steps.length === 0) return [{ at, value: holder }];
  if (holder === null || typeof holder !== 'object') return [];
  const [step, ...rest] = steps;
  if (step === '*') {
    return Array.isArray(holder) ? holder.flatMap((item, index) => valuesAt(item, rest, [...at, String(index)])) : [];
  }
  return Array.isArray(holder) ? [] : valuesAt(holder[step], rest, [...at, step]);
}
