import type { TemplateDocument } from "./types.ts";

export const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId",
  "AWS::StackName", "AWS::URLSuffix",
]);

export interface Reference {
  kind: "Ref" | "GetAtt" | "Sub" | "DependsOn";
  target: string;
  attribute?: string;
}

/** Every Ref, GetAtt and ${...} in Sub strings inside a value, in document order. */
export function referencesIn(value: unknown, out: Reference[] = []): Reference[] {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, out);
  } else if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    const [key, arg] = entries.length === 1 ? entries[0]! : [undefined, undefined];
    if (key === "Ref" && typeof arg === "string") out.push({ kind: "Ref", target: arg });
    else if (key === "Fn::GetAtt") getAttReference(arg, out);
    else if (key === "Fn::Sub") subReferences(arg, out);
    else for (const [, v] of entries) referencesIn(v, out);
  }
  return out;
}

function getAttReference(arg: unknown, out: Reference[]): void {
  const [target, attribute] = Array.isArray(arg) ? arg : typeof arg === "string" ? arg.split(/\.(.*)/) : [];
  if (typeof target === "string") out.push({ kind: "GetAtt", target, attribute: typeof attribute === "string" ? attribute : undefined });
  if (Array.isArray(arg)) referencesIn(arg.slice(1).filter((a) => typeof a !== "string"), out);
}

function subReferences(arg: unknown, out: Reference[]): void {
  const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1] as Record<string, unknown> | undefined] : [arg, undefined];
  if (variables) referencesIn(Object.values(variables), out);
  if (typeof text !== "string") return;
  for (const [, name] of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
    const variable = name!.trim();
    if (variables && variable in variables) continue;
    const dot = variable.indexOf(".");
    if (dot > 0 && !variable.startsWith("AWS::")) {
      out.push({ kind: "GetAtt", target: variable.slice(0, dot), attribute: variable.slice(dot + 1) });
    } else {
      out.push({ kind: "Sub", target: variable });
    }
  }
}

/** Resource → the resources it depends on (Ref, GetAtt, Sub and DependsOn), the graph CloudFormation orders by. */
export function resourceDependencies(doc: TemplateDocument): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(doc.Resources)) {
    const deps = new Set<string>();
    for (const ref of referencesIn([resource.Properties ?? {}, resource.Metadata ?? {}])) {
      if (ref.target in doc.Resources && ref.target !== id) deps.add(ref.target);
    }
    for (const dep of [resource.DependsOn ?? []].flat()) deps.add(dep);
    graph.set(id, deps);
  }
  return graph;
}

/** Resources in an order where each comes after what it depends on; throws the names of a cycle if there is one. */
export function topologicalOrder(graph: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw new CycleError(path.slice(path.indexOf(id)));
    state.set(id, "visiting");
    for (const dep of graph.get(id) ?? []) if (graph.has(dep)) visit(dep, [...path, dep]);
    state.set(id, "done");
    order.push(id);
  };
  for (const id of [...graph.keys()].sort()) visit(id, [id]);
  return order;
}

export class CycleError extends Error {
  constructor(readonly members: string[]) {
    super(`Circular dependency between resources: [${[...new Set(members)].sort().join(", ")}]`);
  }
}
