import { Choice, ChoiceKind, describeKey, TemplateEvaluator, World } from './template-evaluator';
import { AuditedResource } from '../audited-resource';

/**
 * Most combinations enumerated for one resource. A resource with more (several conditions and a region-keyed
 * mapping together) keeps its choices unevaluated, so every value that depends on them is unknown to the rules.
 */
const MAX_COMBINATIONS = 256;

/** One combination of a resource's choices, and the resource as deployed in it. */
export interface ResourceVariant {
  /** The resource with its properties evaluated in this combination. */
  readonly resource: AuditedResource;
  /** The option each choice takes, by choice id (`condition:IsProd`, `key:{"Ref":"AWS::Region"}`). */
  readonly options: ReadonlyMap<string, string>;
}

/** A choice and its id, for describing combinations. */
export interface NamedChoice extends Choice {
  readonly id: string;
}

/**
 * The resource in every combination of the choices its properties hold, with combinations that give the same
 * properties folded into one (a region-keyed mapping with two distinct values over thirty regions gives two).
 * Undefined when the properties hold no choice or too many combinations.
 */
export function resourceVariants(resource: AuditedResource, evaluator: TemplateEvaluator): ResourceVariant[] | undefined {
  const choices = evaluator.choicesOf(resource.properties);
  if (choices.length === 0) return undefined;
  const total = choices.reduce((product, choice) => product * Math.max(choice.options.length, 1), 1);
  if (total > MAX_COMBINATIONS) return undefined;
  const variants = new Map<string, { properties: any; options: Map<string, string> }>();
  for (const options of combinations(choices)) {
    const world: World = { conditions: new Map(), keys: new Map() };
    for (const choice of choices) {
      const option = options.get(choiceId(choice))!;
      if (choice.kind === ChoiceKind.CONDITION) world.conditions.set(choice.name, option === 'true');
      else world.keys.set(choice.name, option);
    }
    const properties = evaluator.choose(resource.properties, world);
    const fingerprint = JSON.stringify(properties);
    if (!variants.has(fingerprint)) variants.set(fingerprint, { properties, options });
  }
  return [...variants.values()].map(({ properties, options }) => ({
    resource: new AuditedResource(resource.logicalId, resource.resourceType, properties, resource.metadata, resource.constructPath),
    options,
  }));
}

/** The id of a choice, unique within a template. */
export function choiceId(choice: Choice): string {
  return choice.kind === ChoiceKind.CONDITION ? `condition:${choice.name}` : `key:${choice.name}`;
}

/** A human name for a choice: `condition IsProd`, `AWS::Region`, `parameter Env`. */
export function describeChoice(id: string): string {
  if (id.startsWith('condition:')) return `condition ${id.substring('condition:'.length)}`;
  const name = describeKey(id.substring('key:'.length));
  return name.startsWith('AWS::') || name.startsWith('{') ? name : `parameter ${name}`;
}

function* combinations(choices: Choice[]): Generator<Map<string, string>> {
  const indexes = choices.map(() => 0);
  while (true) {
    yield new Map(choices.map((choice, i) => [choiceId(choice), choice.options[indexes[i]]]));
    let position = 0;
    while (position < choices.length && ++indexes[position] >= choices[position].options.length) {
      indexes[position] = 0;
      position++;
    }
    if (position === choices.length) return;
  }
}
