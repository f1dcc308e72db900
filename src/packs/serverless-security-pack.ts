import { IRulePack, PackEntry } from './rule-pack';
import { Severity } from '../core/rule';
import { BuiltInRules } from '../rules/builtin-rules';

/**
 * Severities this pack sets where they differ from a rule's own default, one line per rule. Empty while every
 * rule's default severity already follows the threat model.
 */
const SEVERITY_IN_PACK: { [ruleId: string]: Severity } = {
};

/**
 * The library's pack: every built-in rule (`BuiltInRules.all()`), with the severities of `SEVERITY_IN_PACK`.
 * Errors fail `cdk synth`; warnings are reported.
 */
export class ServerlessSecurityPack implements IRulePack {
  public readonly name = 'ServerlessSecurity';

  public get entries(): PackEntry[] {
    return BuiltInRules.all().map((rule) => ({ ruleId: rule.id, severity: SEVERITY_IN_PACK[rule.id] }));
  }
}
