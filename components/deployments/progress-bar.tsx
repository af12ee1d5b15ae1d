import type { Tone } from "@/components/ui/tone";

const FILL: Record<Tone, string> = {
  green: "bg-emerald-500",
  blue: "bg-sky-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  grey: "bg-slate-400",
};

/** Resources finished out of resources in the change; an accessible progressbar. */
export function ProgressBar({ done, total, tone = "blue", label, unit = "resources" }: { done: number; total: number; tone?: Tone; label: string; unit?: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${done} of ${total} ${unit} (${percent}%)`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full transition-[width] duration-500 ${FILL[tone]}`} style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600 tabular-nums">
        {done.toLocaleString("en")} of {total.toLocaleString("en")} {unit} · {percent}%
      </p>
    </div>
  );
}
