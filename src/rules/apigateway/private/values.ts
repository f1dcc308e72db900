import { AuditedResource } from '../../../core/audited-resource';

/** A short human name for a resource in findings: its `Name` property when literal, else its logical id. */
export function displayName(resource: AuditedResource): string {
  const name = resource.properties.Name;
  return typeof name === 'string' ? `${name} (${resource.logicalId})` : resource.logicalId;
}
