import { formatMoney } from "@/lib/cost/format";

/** A horizontal bar chart of monthly amounts (plain HTML, so it is readable without scripts and by screen readers). */
export function CostBars({ title, rows }: { title: string; rows: { label: string; monthly: number; href?: string }[] }) {
  const max = Math.max(...rows.map((r) => r.monthly), 1);
  const total = rows.reduce((s, r) => s + r.monthly, 0);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-3 text-sm font-semibold">{title}</figcaption>
      <ul className="space-y-2">
        {rows.map((r) => (
          <li key={r.label} className="grid grid-cols-[12rem_1fr_6rem] items-center gap-3 text-sm">
            <span className="truncate" title={r.label}>{r.href ? <a href={r.href} className="text-sky-700 hover:underline">{r.label}</a> : r.label}</span>
            <span className="h-3 rounded bg-slate-100" aria-hidden="true">
              <span className="block h-3 rounded bg-sky-600" style={{ width: `${(r.monthly / max) * 100}%` }} />
            </span>
            <span className="text-right tabular-nums">
              {formatMoney(r.monthly)}
              <span className="sr-only"> ({total ? Math.round((r.monthly / total) * 100) : 0}%)</span>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
