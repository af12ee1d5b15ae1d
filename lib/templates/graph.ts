import type { TemplateDocument } from "./types.ts";
import { resourceDependencies, topologicalOrder } from "./references.ts";

// A layered drawing of the resource graph: each resource sits one column right of the deepest thing it depends
// on, so arrows always point left to right, in the order CloudFormation creates them.

export interface GraphNode {
  id: string;
  type: string;
  x: number;
  y: number;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: { from: string; to: string }[]; // `from` depends on `to`
  width: number;
  height: number;
}

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 40;
const COLUMN_GAP = 60;
const ROW_GAP = 14;

export function layoutResourceGraph(doc: TemplateDocument): GraphLayout {
  const deps = resourceDependencies(doc);
  const depth = new Map<string, number>();
  for (const id of topologicalOrder(deps)) {
    const parents = [...(deps.get(id) ?? [])].filter((d) => depth.has(d));
    depth.set(id, parents.length ? Math.max(...parents.map((p) => depth.get(p)!)) + 1 : 0);
  }
  const columns: string[][] = [];
  for (const [id, d] of [...depth].sort(([a], [b]) => a.localeCompare(b))) (columns[d] ??= []).push(id);
  const nodes = columns.flatMap((ids, column) =>
    ids.map((id, row) => ({
      id,
      type: doc.Resources[id]!.Type,
      x: column * (NODE_WIDTH + COLUMN_GAP),
      y: row * (NODE_HEIGHT + ROW_GAP),
    })),
  );
  const edges = [...deps].flatMap(([from, tos]) => [...tos].filter((to) => depth.has(to)).map((to) => ({ from, to })));
  const rows = Math.max(1, ...columns.map((c) => c.length));
  return {
    nodes,
    edges,
    width: Math.max(1, columns.length) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
    height: rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP,
  };
}
