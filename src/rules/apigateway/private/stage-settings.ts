import { RestApiTypes } from './rest-api-graph';

import { AuditedResource } from '../../../core/audited-resource';
import { Known, readValue } from '../../../core/private/values';
import { StackView } from '../../../core/stack-view';

/** One `MethodSettings` entry and where it sits in the resource. */
export interface MethodSetting {
  readonly setting: { [key: string]: any };
  readonly location: string;
  /** True for the entry that applies to every method (`ResourcePath: /*`, `HttpMethod: *`). */
  readonly appliesToAll: boolean;
}

/**
 * The settings of a REST API stage, read the same way whether the stage is an `AWS::ApiGateway::Stage` or the
 * `StageDescription` of an `AWS::ApiGateway::Deployment` (the older way, still used by some templates and
 * third-party constructs). Stage rules read this rather than one resource type, so neither path escapes them.
 */
export class StageSettings {
  /**
   * @returns the settings, or undefined for a deployment that creates no stage (no `StageName`)
   */
  public static of(resource: AuditedResource): StageSettings | undefined {
    if (resource.resourceType === RestApiTypes.STAGE) return new StageSettings(resource, resource.properties, 'Properties', []);
    if (resource.resourceType !== RestApiTypes.DEPLOYMENT || resource.properties.StageName === undefined) return undefined;
    const description = resource.properties.StageDescription ?? {};
    const base = 'Properties/StageDescription';
    // Top-level StageDescription throttling, logging and data-trace fields apply to every method.
    const stageWide = pick(description, ['DataTraceEnabled', 'LoggingLevel', 'MetricsEnabled', 'ThrottlingBurstLimit', 'ThrottlingRateLimit',
      'CachingEnabled', 'CacheDataEncrypted', 'CacheTtlInSeconds']);
    const implicit: MethodSetting[] = Object.keys(stageWide).length > 0
      ? [{ setting: { ResourcePath: '/*', HttpMethod: '*', ...stageWide }, location: base, appliesToAll: true }] : [];
    return new StageSettings(resource, description, base, implicit);
  }

  /** The property path prefix of the stage settings in the resource (`Properties` or `Properties/StageDescription`). */
  public readonly base: string;
  /** The raw stage-level properties (`TracingEnabled`, `AccessLogSetting`, `Variables`, `MethodSettings`...). */
  public readonly properties: { [key: string]: any };

  private constructor(public readonly resource: AuditedResource, properties: { [key: string]: any }, base: string,
    private readonly implicitSettings: MethodSetting[]) {
    this.properties = properties;
    this.base = base;
  }

  /** `stage prod` (or `stage <StageName token>`), for findings. */
  public get label(): string {
    const name = this.resource.properties.StageName;
    return typeof name === 'string' ? `Stage ${name} (${this.resource.logicalId})` : `Stage ${this.resource.logicalId}`;
  }

  /** The method settings, with the stage-wide entry first when there is one; unknown when they depend on a parameter. */
  public methodSettings(stack: StackView): Known<MethodSetting[]> {
    const raw = this.properties.MethodSettings;
    const known = readValue(stack, raw);
    if (!known.known) return known;
    const list: any[] = Array.isArray(raw) ? raw : [];
    const explicit = list.map((setting, i) => ({
      setting: setting ?? {},
      location: `${this.base}/MethodSettings/${i}`,
      appliesToAll: setting?.ResourcePath === '/*' && setting?.HttpMethod === '*',
    }));
    return { known: true, value: [...this.implicitSettings, ...explicit] };
  }

  /**
   * The settings that apply to every method, merged in the order API Gateway applies them (stage-wide fields, then an
   * explicit `/*` `*` entry); undefined in `value` when there is none.
   */
  public settingForAll(stack: StackView): Known<MethodSetting | undefined> {
    const settings = this.methodSettings(stack);
    if (!settings.known) return settings;
    const all = settings.value.filter((s) => s.appliesToAll);
    if (all.length === 0) return { known: true, value: undefined };
    const merged = Object.assign({}, ...all.map((s) => s.setting));
    return { known: true, value: { setting: merged, location: all[all.length - 1].location, appliesToAll: true } };
  }
}

function pick(source: { [key: string]: any }, keys: string[]): { [key: string]: any } {
  const out: { [key: string]: any } = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
