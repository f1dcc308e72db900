import { AuditedResource } from '../../../core/audited-resource';
import { FindingIds } from '../../../core/finding-ids';
import { isIntrinsic, readValue } from '../../../core/private/values';
import { Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';


export const CONFIG_LOCATION = 'Properties/DistributionConfig';

/**
 * The `DistributionConfig` of a distribution as a plain object, or the "unable to decide" verdict when the whole
 * config is an intrinsic (`Fn::If`) whose branch is known only at deploy time.
 */
export type ConfigOrVerdict = { readonly config: { [key: string]: any } } | { readonly verdict: Verdict };

/** Reads the `DistributionConfig` of a distribution; a config that is itself an intrinsic is undecidable. */
export function distributionConfigOf(distribution: AuditedResource, stack: StackView, subject: string): ConfigOrVerdict {
  const raw = distribution.properties.DistributionConfig;
  if (isIntrinsic(raw)) {
    const value = readValue(stack, raw);
    if (!value.known) {
      return { verdict: Verdicts.undecidable(`The configuration of distribution ${distribution.logicalId} (${subject}) is not known at synth time.`, value.unknownReason, { location: CONFIG_LOCATION }) };
    }
  }
  return { config: isPlainObject(raw) ? raw : {} };
}

/** One cache behavior of a distribution: the default one or one of `CacheBehaviors`. */
export interface CacheBehavior {
  /** Finding id: `default`, or the path pattern with characters outside the finding-id alphabet replaced by `_`. */
  readonly findingId: string;
  /** For findings: `the default cache behavior` or `cache behavior "/api/*"`. */
  readonly label: string;
  /** CloudFormation property path of the behavior. */
  readonly location: string;
  /** The behavior's properties, as deployed. */
  readonly raw: { [key: string]: any };
}

/** The cache behaviors of a config, or why they are not known. */
export interface CacheBehaviors {
  readonly behaviors: CacheBehavior[];
  /** Verdicts for behaviors (or the list of them) that are intrinsics unknown at synth time. */
  readonly undecidable: Verdict[];
}

/**
 * Every cache behavior of a distribution config: `DefaultCacheBehavior` first, then each of `CacheBehaviors`. A
 * behavior (or the whole list) that is an intrinsic unknown at synth time becomes an "unable to decide" verdict.
 */
export function cacheBehaviorsOf(config: { [key: string]: any }, stack: StackView, subject: string): CacheBehaviors {
  const behaviors: CacheBehavior[] = [];
  const unknown: Verdict[] = [];
  const add = (raw: any, findingId: string, label: string, location: string) => {
    if (isIntrinsic(raw)) {
      const value = readValue(stack, raw);
      if (!value.known) {
        unknown.push(Verdicts.undecidable(`The settings of ${label} (${subject}) are not known at synth time.`, value.unknownReason, { location, findingId }));
        return;
      }
    }
    behaviors.push({ findingId, label, location, raw: isPlainObject(raw) ? raw : {} });
  };
  add(config.DefaultCacheBehavior, 'default', 'the default cache behavior', `${CONFIG_LOCATION}/DefaultCacheBehavior`);
  const list = config.CacheBehaviors;
  if (isIntrinsic(list)) {
    const value = readValue(stack, list);
    if (!value.known) {
      unknown.push(Verdicts.undecidable(`The cache behaviors (${subject}) are not known at synth time.`, value.unknownReason, { location: `${CONFIG_LOCATION}/CacheBehaviors`, findingId: 'CacheBehaviors' }));
    }
  } else if (Array.isArray(list)) {
    list.forEach((behavior: any, index: number) => {
      const pattern = isPlainObject(behavior) && typeof behavior.PathPattern === 'string' ? behavior.PathPattern : undefined;
      add(behavior,
        pattern !== undefined ? FindingIds.sanitize(pattern) : `CacheBehaviors.${index}`,
        pattern !== undefined ? `cache behavior "${pattern}"` : `cache behavior ${index}`,
        `${CONFIG_LOCATION}/CacheBehaviors/${index}`);
    });
  }
  return { behaviors, undecidable: unknown };
}


/** True for a non-null, non-array object. */
export function isPlainObject(value: any): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True when a deployed string value is absent or empty (CloudFormation treats `""` as not set). */
export function isUnset(value: any): boolean {
  return value === undefined || value === null || value === '';
}

/** The text with its first letter in upper case, to start a finding with a label (`the default cache behavior`). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
