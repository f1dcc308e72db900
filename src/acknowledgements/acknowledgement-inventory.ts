import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgementOrigin, AcknowledgementRecord } from './acknowledgement-record';
import { AcknowledgementMetadata, AuditAcknowledgements } from './audit-acknowledgements';
import { Acknowledgements } from '../engine/acknowledgements';

/**
 * Every acknowledgement recorded in a construct tree, standard and accountable alike, in tree order. A standard
 * acknowledgement written by `AuditAcknowledgements` is merged with its expiry date and ticket into one record; an
 * expired one (which is no longer recorded as a standard acknowledgement) is listed from its metadata alone.
 */
export class AcknowledgementInventory {
  /** Reads every acknowledgement on `root` and its descendants. */
  public static collect(root: IConstruct): AcknowledgementRecord[] {
    const records: AcknowledgementRecord[] = [];
    for (const construct of root.node.findAll()) records.push(...recordsOn(construct));
    return records;
  }

  /**
   * The rule id an acknowledgement id refers to, without namespace, or undefined when it is namespaced for another
   * tool. `ServerlessSecurityChecks::SLS-X`, `Annotation::SLS-X` and `SLS-X` all give `SLS-X`.
   */
  public static ruleIdOf(id: string): string | undefined {
    return Acknowledgements.ruleIdOf(id);
  }
}

function recordsOn(construct: IConstruct): AcknowledgementRecord[] {
  const accountable: AcknowledgementMetadata[] = [];
  const standard: Array<{ id: string; reason: string }> = [];
  for (const entry of construct.node.metadata) {
    if (!entry.data || typeof entry.data !== 'object') continue;
    if (entry.type === AuditAcknowledgements.METADATA_KEY) {
      accountable.push(entry.data as AcknowledgementMetadata);
    } else if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
      for (const [id, reason] of Object.entries<any>(entry.data)) standard.push({ id, reason: String(reason ?? '') });
    }
  }
  if (accountable.length === 0 && standard.length === 0) return [];
  const path = construct.node.path; // computed only here: a path is built anew on every read

  const records: AcknowledgementRecord[] = [];
  const claimed = new Set<number>();
  for (const meta of accountable) {
    const key = keyOf(meta.id);
    // The standard entry this accountable acknowledgement recorded (none when it had expired).
    const index = meta.expired ? -1 : standard.findIndex((s, i) => !claimed.has(i) && keyOf(s.id) === key);
    if (index >= 0) claimed.add(index);
    records.push({
      id: meta.id,
      ruleId: AcknowledgementInventory.ruleIdOf(meta.id),
      reason: meta.reason,
      constructPath: path,
      origin: AcknowledgementOrigin.AUDIT_ACKNOWLEDGEMENTS,
      expires: meta.expires,
      ticket: meta.ticket,
      expired: meta.expired,
    });
  }
  standard.forEach((s, i) => {
    if (claimed.has(i)) return;
    records.push({
      id: displayId(s.id),
      ruleId: AcknowledgementInventory.ruleIdOf(s.id),
      reason: s.reason,
      constructPath: path,
      origin: AcknowledgementOrigin.VALIDATIONS,
      expired: false,
    });
  });
  return records;
}

/** What makes two spellings of an id the same acknowledgement (`Annotation::SLS-X` and `SLS-X`). */
function keyOf(id: string): string {
  return AcknowledgementInventory.ruleIdOf(id) ?? id;
}

/** CDK stores a bare id as `Annotation::<id>`; show it as the user wrote it. */
function displayId(recordedId: string): string {
  const match = /^(annotation|Annotation)::(.*)$/.exec(recordedId);
  return match ? match[2] : recordedId;
}
