// The platform's stacks as a graph: template → the templates it needs (imports and the catalog's DependsOn), put in
// layers so that everything a stack needs sits in an earlier layer. Plans apply layer by layer (independent stacks
// of a layer in parallel); the Environment page draws the layers as columns. Pure functions, shared by both.

export interface PlatformGraph {
  /** Templates in dependency order (each after everything it needs), ties by name. */
  order: string[];
  /** template → its layer (0: needs nothing in the catalog). */
  level: Map<string, number>;
  /** template → the templates it needs (within the catalog). */
  needs: Map<string, string[]>;
  /** template → the exports it imports, per upstream template. */
  imports: Map<string, Map<string, string[]>>;
}

export function buildGraph(dependencies: Map<string, Map<string, string[]>>): PlatformGraph {
  const needs = new Map<string, string[]>();
  for (const [template, deps] of dependencies) needs.set(template, [...deps.keys()].filter((d) => dependencies.has(d)).sort());
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (t: string): number => {
    const known = level.get(t);
    if (known !== undefined) return known;
    if (visiting.has(t)) throw new Error(`the catalog's dependencies form a cycle through ${t}`);
    visiting.add(t);
    const d = Math.max(-1, ...needs.get(t)!.map(depth)) + 1;
    visiting.delete(t);
    level.set(t, d);
    return d;
  };
  for (const t of needs.keys()) depth(t);
  const order = [...needs.keys()].sort((a, b) => level.get(a)! - level.get(b)! || a.localeCompare(b));
  return { order, level, needs, imports: dependencies };
}

/** Everything downstream of `template` (what needs it, directly or not). */
export function downstreamOf(graph: PlatformGraph, template: string): string[] {
  const out = new Set<string>();
  const walk = (t: string) => {
    for (const [other, deps] of graph.needs) if (deps.includes(t) && !out.has(other)) (out.add(other), walk(other));
  };
  walk(template);
  return graph.order.filter((t) => out.has(t));
}
