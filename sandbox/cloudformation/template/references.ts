// Finds what a template value refers to (Ref, Fn::GetAtt, Fn::Sub placeholders) and orders resources by those
// references plus DependsOn, the way CloudFormation builds its dependency graph.

export interface References {
  refs: Set<string>;
  getAtts: { resource: string; attribute: string }[];
}

const SUB_PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The names inside `${...}` of a Fn::Sub string, without `${!Literal}` escapes. */
export function subPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(SUB_PLACEHOLDER)) {
    const name = match[1].trim();
    if (!name.startsWith("!")) names.push(name);
  }
  return names;
}

export function collectReferences(value: unknown, into: References = { refs: new Set(), getAtts: [] }): References {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return into;
  }
  if (value === null || typeof value !== "object") return into;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, arg] = entries[0];
    if (key === "Ref" && typeof arg === "string") {
      into.refs.add(arg);
      return into;
    }
    if (key === "Fn::GetAtt") {
      const [resource, attribute] = getAttArguments(arg);
      if (resource) into.getAtts.push({ resource, attribute: attribute ?? "" });
      collectReferences(Array.isArray(arg) ? arg.slice(1) : [], into);
      return into;
    }
    if (key === "Fn::Sub") {
      addSubReferences(arg, into);
      return into;
    }
  }
  for (const [, child] of entries) collectReferences(child, into);
  return into;
}

export function getAttArguments(arg: unknown): [string | undefined, string | undefined] {
  if (typeof arg === "string") {
    const dot = arg.indexOf(".");
    return dot < 0 ? [arg, undefined] : [arg.slice(0, dot), arg.slice(dot + 1)];
  }
  if (Array.isArray(arg) && typeof arg[0] === "string") {
    return [arg[0], typeof arg[1] === "string" ? arg[1] : undefined];
  }
  return [undefined, undefined];
}

function addSubReferences(arg: unknown, into: References): void {
  const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  const local = new Set(variables && typeof variables === "object" ? Object.keys(variables) : []);
  if (variables) collectReferences(variables, into);
  if (typeof text !== "string") return;
  for (const name of subPlaceholders(text)) {
    if (local.has(name)) continue;
    const dot = name.indexOf(".");
    if (dot < 0) into.refs.add(name);
    else into.getAtts.push({ resource: name.slice(0, dot), attribute: name.slice(dot + 1) });
  }
}

export function dependsOnList(dependsOn: unknown): string[] {
  if (typeof dependsOn === "string") return [dependsOn];
  return Array.isArray(dependsOn) ? dependsOn.filter((d): d is string => typeof d === "string") : [];
}

/** Kahn's algorithm; on a cycle returns the resources that lie on it (what AWS lists in its error). */
export function topologicalOrder(
  dependencies: Map<string, Set<string>>,
): { order: string[]; cycle?: undefined } | { order?: undefined; cycle: string[] } {
  const remaining = new Map([...dependencies].map(([node, deps]) => [node, new Set(deps)]));
  const order: string[] = [];
  let ready = [...remaining].filter(([, deps]) => deps.size === 0).map(([node]) => node);
  while (ready.length > 0) {
    const next: string[] = [];
    for (const node of ready) {
      remaining.delete(node);
      order.push(node);
    }
    for (const [node, deps] of remaining) {
      for (const done of ready) deps.delete(done);
      if (deps.size === 0) next.push(node);
    }
    ready = next.filter((node) => remaining.has(node));
  }
  if (remaining.size === 0) return { order };
  return { cycle: nodesOnCycles(remaining) };
}

// Resources that merely depend on a cycle are not part of it: peel off nodes nothing else in the set depends on.
function nodesOnCycles(remaining: Map<string, Set<string>>): string[] {
  const nodes = new Set(remaining.keys());
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of nodes) {
      const dependedOn = [...nodes].some((other) => remaining.get(other)?.has(node));
      if (!dependedOn) {
        nodes.delete(node);
        changed = true;
      }
    }
  }
  return [...nodes].sort();
}
