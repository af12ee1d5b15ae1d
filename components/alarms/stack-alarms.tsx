import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listStackAlarms } from "@/lib/alarms/stack-alarms";
import { buildChartModel } from "@/lib/alarms/chart";
import { RefreshedAt } from "@/components/ui/refreshed-at";
import { Table, Td, Th } from "@/components/ui/table";
import { AlarmStateBadge, formatTime } from "./alarm-state-badge";
import { Sparkline } from "./metric-chart";
import { AlarmsLiveRefresh } from "./live-refresh";

const HOURS_3 = 3 * 3_600_000;

/**
 * The stack page's alarms section: each alarm with its state and a 3-hour sparkline, then the latest state changes
 * (the stack's alarm timeline), all as the alarm refresh stored them (states every 10 s, points every 5 min);
 * nothing here asks CloudWatch. Self-contained: `<StackAlarms stackName={...} />`.
 */
export async function StackAlarms({ stackName }: { stackName: string }) {
  const actor = await requireActor();
  const { items: alarms, changes, statesReadAt } = await listStackAlarms(getDb(), actor, stackName, { changes: 10, perAlarm: 0 });
  if (alarms.length === 0) return null;
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const environment = alarms[0]!.environment;
  const href = (name: string) => `/alarms/${encodeURIComponent(name)}?env=${environment}`;
  return (
    <section aria-labelledby="stack-alarms" className="space-y-3">
      <AlarmsLiveRefresh environment={environment} />
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 id="stack-alarms" className="text-base font-semibold">Alarms ({alarms.length})</h2>
        <RefreshedAt at={statesReadAt} every="every 10 s" pending="CloudWatch has not been read for these alarms yet." />
      </div>
      <Table caption="Alarms of this stack" head={<><Th>Alarm</Th><Th>State</Th><Th>Condition</Th><Th>Last 3 h</Th><Th>Since</Th></>}>
        {alarms.map((a) => {
          const points = a.recentPoints;
          const model = buildChartModel({ points, threshold: a.threshold, alarmPeriods: [], start: end - HOURS_3, end, width: 120, height: 28, bare: true });
          return (
            <tr key={a.name}>
              <Td>
                <Link href={href(a.name)} className="font-medium text-sky-700 hover:underline">{a.name}</Link>
                <span className="block font-mono text-[11px] text-slate-500">{a.resource}</span>
              </Td>
              <Td><AlarmStateBadge state={a.state} /></Td>
              <Td className="text-xs">{a.condition}</Td>
              <Td>{points.length ? <Sparkline model={model} label={`${a.metricName ?? "metric"}, last 3 hours`} /> : <span className="text-xs text-slate-400">no data</span>}</Td>
              <Td className="whitespace-nowrap text-xs text-slate-600">{formatTime(a.since)}</Td>
            </tr>
          );
        })}
      </Table>
      {changes.length ? (
        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-700">Alarm timeline</h3>
          <ol className="space-y-1 text-sm" aria-label="Alarm state changes">
            {changes.map((c, i) => (
              <li key={`${c.alarm}-${c.at}-${i}`} className="flex flex-wrap items-center gap-2">
                <span className="whitespace-nowrap text-xs text-slate-500">{formatTime(c.at)}</span>
                <Link href={href(c.alarm)} className="text-sky-700 hover:underline">{c.alarm}</Link>
                {c.fromState ? <><AlarmStateBadge state={c.fromState} /> →</> : null}
                <AlarmStateBadge state={c.toState} />
                {c.reason ? <span className="truncate text-xs text-slate-500" title={c.reason}>{c.reason}</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
