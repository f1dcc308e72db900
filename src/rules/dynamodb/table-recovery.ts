import { AuditedResource } from '../../core/audited-resource';
import { isIntrinsic, isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/** One setting the rule requires, with where it lives on a table and on a global-table replica. */
interface RecoverySetting {
  /** The finding id, so a team can acknowledge one setting and not the other. */
  readonly findingId: string;
  /** Dotted path of the boolean, on `AWS::DynamoDB::Table` and on each `Replicas[]` entry of a global table. */
  readonly path: string;
  /** What is lost without it. */
  readonly consequence: string;
  /** The severity of a violation when it differs from the rule's. */
  readonly severity?: Severity;
}

const SETTINGS: RecoverySetting[] = [
  {
    findingId: 'point-in-time-recovery',
    path: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
    consequence: 'a bad write or a malicious delete of items cannot be undone by a restore',
  },
  {
    findingId: 'deletion-protection',
    path: 'DeletionProtectionEnabled',
    consequence: 'the table and its data can be deleted by a single DeleteTable call',
    severity: Severity.INFO,
  },
];

/** What is known of one setting on one table or replica. */
interface SettingState {
  /** `Replicas/0/` for a replica, empty for a table: prefixed to the property path in the location. */
  readonly prefix: string;
  /** The replica's region, to name it in the detail. */
  readonly label: string;
  readonly enabled?: boolean;
  readonly unknownReason?: string;
}

/**
 * Flags DynamoDB tables without point-in-time recovery or without deletion protection: the answers to tampering
 * (ransomware-style deletes of items, a bad batch write) and to accidents (a stack update that replaces or removes
 * the table, a `DeleteTable` by hand). Each is reported under its own finding id (`point-in-time-recovery`,
 * `deletion-protection`), so a team can acknowledge one (a cache table rebuilt from elsewhere) and keep the other.
 *
 * Category T3 (insecure configuration): THREATS.md lists at-rest protections of tables there, and neither setting is
 * logging or monitoring. Severity warning, like `SLS-DYNAMODB-ENCRYPTION`: the data is not exposed, only harder to
 * recover. For an `AWS::DynamoDB::GlobalTable` (`TableV2`) both settings are per replica, and every replica must
 * have them.
 */
export class DynamoDbTableRecoveryRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-DYNAMODB-RECOVERY';

  public readonly id = DynamoDbTableRecoveryRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'Point-in-time recovery is the only way back from a malicious or mistaken bulk write (a warning); deletion protection guards against deleting the table, which aws-cdk-lib\'s default RETAIN removal policy already does for stack operations (info).';
  public readonly description: string = 'DynamoDB tables have point-in-time recovery and deletion protection enabled.';
  public readonly remediation: string = 'Use SecureTable (both on, not relaxable), or set pointInTimeRecoverySpecification: '
    + '{ pointInTimeRecoveryEnabled: true } and deletionProtection: true on the dynamodb.Table or TableV2 (and on each of its replicas).';
  public readonly resourceTypes: string[] = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const replicas = resource.properties.Replicas;
    if (resource.resourceType === 'AWS::DynamoDB::GlobalTable' && !Array.isArray(replicas)) {
      const reason = readValue(stack, replicas).unknownReason ?? 'a value that is not a list';
      return SETTINGS.map((setting) => Verdicts.undecidable(`Whether every replica has ${setting.findingId} is unknown: Replicas is not a literal list.`, reason, { findingId: setting.findingId, location: 'Properties/Replicas' }));
    }
    return SETTINGS
      .map((setting) => this.verdictFor(setting, this.statesOf(resource, setting, stack)))
      .filter((v): v is Verdict => v !== undefined);
  }

  /** The state of a setting on the table, or on each replica of a global table. */
  private statesOf(resource: AuditedResource, setting: RecoverySetting, stack: StackView): SettingState[] {
    if (resource.resourceType === 'AWS::DynamoDB::Table') return [readSetting(resource.properties, setting.path, '', 'the table', stack)];
    return (resource.properties.Replicas as any[]).map((replica, index) => {
      const region = readValue(stack, replica?.Region);
      const label = `replica ${typeof region.value === 'string' ? region.value : index}`;
      return readSetting(replica, setting.path, `Replicas/${index}/`, label, stack);
    });
  }

  /** A violation when any table or replica has the setting off, else undecidable when any is unknown. */
  private verdictFor(setting: RecoverySetting, states: SettingState[]): Verdict | undefined {
    const off = states.filter((s) => s.unknownReason === undefined && !s.enabled);
    const location = (s: SettingState) => `Properties/${s.prefix}${setting.path.replace(/\./g, '/')}`;
    if (off.length > 0) {
      return Verdicts.violation(`${capitalize(off.map((s) => s.label).join(', '))} ${off.length > 1 ? 'have' : 'has'} no ${setting.findingId} `
        + `(${setting.path.split('.').pop()} is not true): ${setting.consequence}.`, { findingId: setting.findingId, location: location(off[0]), severity: setting.severity });
    }
    const unknown = states.find((s) => s.unknownReason !== undefined);
    if (unknown) {
      return Verdicts.undecidable(`Whether ${unknown.label} has ${setting.findingId} is unknown.`, unknown.unknownReason!, { findingId: setting.findingId, location: location(unknown) });
    }
    return undefined;
  }
}

/**
 * Reads a boolean at a dotted path. An intrinsic on the way (`Fn::If` on the replica or the specification, a
 * parameter for the flag) makes the setting unknown; `Ref: AWS::NoValue` makes it absent.
 */
function readSetting(properties: any, path: string, prefix: string, label: string, stack: StackView): SettingState {
  let current: any = properties;
  for (const segment of path.split('.')) {
    if (isIntrinsic(current)) return evaluated(current, prefix, label, stack);
    if (current === null || typeof current !== 'object') return { prefix, label, enabled: false };
    current = current[segment];
  }
  return isIntrinsic(current) ? evaluated(current, prefix, label, stack) : { prefix, label, enabled: isTrue(current) };
}

/** The state of an intrinsic standing for the flag or for an object on its path. */
function evaluated(value: any, prefix: string, label: string, stack: StackView): SettingState {
  const read = readValue(stack, value);
  if (!read.known) return { prefix, label, unknownReason: read.unknownReason };
  return { prefix, label, enabled: isTrue(read.value) };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
