import Link from "next/link";
import type { EnvironmentGraphView, GraphNodeView } from "@/lib/plans/environment-graph";
import { Badge } from "@/components/ui/badge";
import { stackStatusTone } from "@/components/deployments/status";

// The platform as a graph: one column per layer (everything a stack needs sits to its left), arrows from what
// exports to what imports. Nodes are links to the stack pages; a missing stack is drawn dashed, "not created".

const W = 200;
const H = 104;
const COL = 262;
const ROW = 128;

export function EnvironmentGraph({ graph, environment }: { graph: EnvironmentGraphView; environment: string }) {
  const columns = new Map<number, GraphNodeView[]>();
  for (const n of graph.nodes) columns.set(n.level, [...(columns.get(n.level) ?? []), n]);
  const rows = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const position = new Map<string, { x: number; y: number }>();
  for (const [level, nodes] of columns) {
    const offset = ((rows - nodes.length) * ROW) / 2;
    nodes.forEach((n, i) => position.set(n.template, { x: level * COL, y: offset + i * ROW }));
  }
  const width = Math.max(1, columns.size) * COL - (COL - W);
  const height = rows * ROW - (ROW - H);
  return (
    <figure aria-label={`The ${environment} platform's stacks and their dependencies`} className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
      <div className="relative" style={{ width, height }}>
        <svg width={width} height={height} className="absolute inset-0" aria-hidden="true">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8" />
            </marker>
          </defs>
          {graph.edges.map((e) => {
            const from = position.get(e.to)!; // the upstream, on the left
            const to = position.get(e.from)!;
            const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x, y2 = to.y + H / 2;
            const mid = (x1 + x2) / 2;
            return <path key={`${e.from}-${e.to}`} d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2 - 2} ${y2}`} fill="none" stroke="#cbd5e1" strokeWidth={1.5} markerEnd="url(#arrow)" />;
          })}
        </svg>
        {graph.nodes.map((n) => <Node key={n.template} node={n} at={position.get(n.template)!} />)}
      </div>
      <figcaption className="mt-3 text-xs text-slate-500">Arrows point from the stack that exports a value to the stack that imports it (or names it in its catalog entry&apos;s DependsOn).</figcaption>
    </figure>
  );
}

function Node({ node, at }: { node: GraphNodeView; at: { x: number; y: number } }) {
  const created = node.status !== null;
  const last = node.lastDeployment;
  return (
    <Link
      href={created ? `/stacks/${node.stackName}` : `/templates/${node.template}`}
      data-testid={`graph-node-${node.template}`}
      aria-label={`${node.template}: ${created ? node.status : "not created"}`}
      className={`absolute flex flex-col justify-between rounded-lg p-2.5 text-xs shadow-sm ring-1 hover:ring-sky-500 ${created ? "bg-white ring-slate-300" : "border border-dashed border-slate-300 bg-slate-50 ring-transparent"}`}
      style={{ left: at.x, top: at.y, width: W, height: H }}
    >
      <span className="flex items-baseline justify-between gap-2">
        <span className="truncate text-sm font-semibold text-slate-900">{node.template}</span>
        <span className="whitespace-nowrap text-slate-600">{node.monthly !== null ? `$${node.monthly.toFixed(2)}/mo` : ""}</span>
      </span>
      <span className="flex items-center gap-1">
        {created ? <Badge tone={stackStatusTone(node.status)}>{node.status}</Badge> : <Badge tone="grey">not created</Badge>}
        {node.alarmsInAlarm ? <Badge tone="red">{node.alarmsInAlarm} in ALARM</Badge> : null}
      </span>
      <span className="truncate text-slate-600">
        {last ? <>{last.action} <span className={last.status === "succeeded" ? "text-emerald-700" : last.status === "failed" ? "text-red-700" : "text-slate-700"}>{last.status.replace("_", " ")}</span> · {last.at.slice(5, 10)}</> : "no deployments yet"}
      </span>
      <span className="truncate text-slate-400">{node.stackName}{created && !node.alarmsInAlarm ? " · no alarm" : ""}</span>
    </Link>
  );
}
