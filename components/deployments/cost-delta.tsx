import type { CostDelta } from "@/lib/deployments/types";
import { formatMoney } from "@/lib/cost/format";

export function CostDeltaSummary({ delta }: { delta: CostDelta }) {
  const moved = delta.lines.filter((l) => Math.abs(l.delta) >= 0.005); // free resources added or removed are noise here
  const sign = delta.monthlyDelta > 0.005 ? "+" : delta.monthlyDelta < -0.005 ? "−" : "±";
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <p>
        Monthly cost: {formatMoney(delta.before)} → <strong>{formatMoney(delta.after)}</strong>{" "}
        <span className={delta.monthlyDelta > 0.005 ? "text-amber-800" : "text-emerald-800"}>({sign}{formatMoney(Math.abs(delta.monthlyDelta))}/month)</span>
      </p>
      {moved.length ? (
        <ul className="mt-2 space-y-0.5 text-xs text-slate-600">
          {moved.map((l) => (
            <li key={l.logicalId}><span className="font-mono">{l.logicalId}</span> {l.change}: {formatMoney(l.before)} → {formatMoney(l.after)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
