import { buttonClass, inputClass } from "@/components/ui/button";
import type { AlarmPage, AlarmState } from "@/lib/alarms/types";

const STATES: { value: AlarmState; label: string }[] = [
  { value: "ALARM", label: "ALARM" },
  { value: "INSUFFICIENT_DATA", label: "Insufficient data" },
  { value: "OK", label: "OK" },
];

/** A plain GET form: filters live in the URL, so a filtered list can be shared and reloaded. */
export function AlarmFilters({ environment, page, stack, state }: { environment: string; page: AlarmPage; stack?: string; state?: AlarmState }) {
  return (
    <form method="get" action="/alarms" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter alarms">
      <input type="hidden" name="env" value={environment} />
      <label className="text-sm">
        <span className="mb-1 block text-xs font-medium text-slate-600">Stack</span>
        <select name="stack" defaultValue={stack ?? ""} className={inputClass}>
          <option value="">All stacks</option>
          {page.stacks.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block text-xs font-medium text-slate-600">State</span>
        <select name="state" defaultValue={state ?? ""} className={inputClass}>
          <option value="">Any state</option>
          {STATES.map((s) => <option key={s.value} value={s.value}>{s.label} ({page.counts[s.value]})</option>)}
        </select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>Filter</button>
    </form>
  );
}
