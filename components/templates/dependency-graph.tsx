import type { GraphLayout } from "@/lib/templates/graph";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/templates/graph";

const PAD = 8;

/** The resource graph drawn as SVG on the server: columns in creation order, arrows towards dependencies. */
export function DependencyGraph({ graph }: { graph: GraphLayout }) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <svg
        role="img"
        aria-label={`Dependency graph of ${graph.nodes.length} resources`}
        width={graph.width + PAD * 2}
        height={graph.height + PAD * 2}
        viewBox={`${-PAD} ${-PAD} ${graph.width + PAD * 2} ${graph.height + PAD * 2}`}
        className="text-slate-700"
      >
        <defs>
          <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" fill="#94a3b8" />
          </marker>
        </defs>
        {graph.edges.map(({ from, to }) => {
          const a = byId.get(from)!;
          const b = byId.get(to)!;
          const x1 = a.x;
          const y1 = a.y + NODE_HEIGHT / 2;
          const x2 = b.x + NODE_WIDTH;
          const y2 = b.y + NODE_HEIGHT / 2;
          const mid = (x1 + x2) / 2;
          return <path key={`${from}->${to}`} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`} fill="none" stroke="#cbd5e1" strokeWidth="1.2" markerEnd="url(#arrow)" />;
        })}
        {graph.nodes.map((n) => (
          <g key={n.id} transform={`translate(${n.x},${n.y})`}>
            <title>{`${n.id} (${n.type})`}</title>
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="6" fill="#f8fafc" stroke="#cbd5e1" />
            <text x="8" y="16" fontSize="11" fontWeight="600" fill="#0f172a">{truncate(n.id, 26)}</text>
            <text x="8" y="31" fontSize="10" fill="#64748b">{truncate(n.type.replace(/^AWS::/, ""), 30)}</text>
          </g>
        ))}
      </svg>
    </div>
  );
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
