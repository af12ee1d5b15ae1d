import { Badge } from "@/components/ui/badge";
import type { Tone } from "@/components/ui/tone";
import type { TeardownScheduleDto } from "@/lib/teardown/types";
import { CancelTeardownButton } from "./cancel-teardown-button";

const DAY = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const RUN_TONE: Record<string, Tone> = { warned: "amber", tearing_down: "blue", down: "grey", recreating: "blue", recreated: "green" };
const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

function when(s: TeardownScheduleDto): string {
  if (s.kind === "ttl") return `once, at ${s.expiresAt ? utc(s.expiresAt) : "—"}`;
  return `${s.days.map((d) => DAY[d]).join(", ")} ${s.start}–${s.end} (${s.timeZone})${s.recreate ? ", recreated after" : ""}`;
}

/** The active schedules with their next window and what the last run did to each stack. */
export function TeardownSchedules({ schedules, mayChange }: { schedules: TeardownScheduleDto[]; mayChange: boolean }) {
  if (!schedules.length) return <p className="text-sm text-slate-600">No teardown scheduled.</p>;
  return (
    <ul className="space-y-2" aria-label="Teardown schedules">
      {schedules.map((s) => (
        <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{s.stackName ?? `All stacks in ${s.environment}`}</span>
            <span className="text-slate-600">{when(s)}</span>
            {s.lastRun ? <Badge tone={RUN_TONE[s.lastRun.status] ?? "grey"}>{s.lastRun.status.replace("_", " ")}</Badge> : null}
            <span className="ml-auto">{mayChange ? <CancelTeardownButton id={s.id} /> : null}</span>
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {s.next ? <>Next: {utc(s.next.start)}{s.next.end ? ` until ${utc(s.next.end)}` : ""}</> : "No window left."} · warns {s.warnMinutes} min before · by {s.createdBy}
          </p>
          {s.lastRun?.items.length ? (
            <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
              {s.lastRun.items.map((i) => (
                <li key={i.stackName}>
                  <span className="font-mono">{i.stackName}</span>: {i.state}{i.reason ? ` (${i.reason})` : ""}{i.retained.length ? ` · kept: ${i.retained.join(", ")}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
