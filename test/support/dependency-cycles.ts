/**
 * Finds dependency cycles between the resources of a synthesized template (through `Ref`, `Fn::GetAtt`, `Fn::Sub`
 * and `DependsOn`), which CloudFormation refuses at deploy time. Unit tests turn aws-cdk-lib's built-in template
 * validation off for speed, so they check this themselves.
 *
 * @returns each cycle as its logical ids, first one repeated at the end (`A -> B -> A`); empty when there is none
 */
export function dependencyCycles(template: { Resources?: { [id: string]: any } }): string[] {
  const resources = template.Resources ?? {};
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const targets = new Set<string>();
    collect(resource.Properties, targets);
    for (const dep of [resource.DependsOn ?? []].flat()) targets.add(dep);
    edges.set(id, new Set([...targets].filter((t) => t !== id && t in resources)));
  }
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of edges.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

function collect(value: any, into: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v) => collect(v, into));
    return;
  }
  for (const [key, v] of Object.entries<any>(value)) {
    if (key === 'Ref' && typeof v === 'string') {into.add(v);} else if (key === 'Fn::GetAtt') {into.add(Array.isArray(v) ? v[0] : String(v).split('.')[0]);} else if (key === 'Fn::Sub') {
      const text = Array.isArray(v) ? v[0] : v;
      for (const m of String(text).matchAll(/\$\{([^!}.]+)/g)) into.add(m[1]);
      if (Array.isArray(v)) collect(v[1], into);
    } else {collect(v, into);}
  }
}
