import { Table, Td, Th } from "@/components/ui/table";
import { AlarmStateBadge, formatTime } from "@/components/alarms/alarm-state-badge";
import type { AlarmState } from "@/lib/alarms/types";

export interface HistoryRow {
  at: string;
  fromState: AlarmState | null;
  toState: AlarmState;
  summary: string;
}

export function AlarmHistory({ rows, source }: { rows: HistoryRow[]; source: string }) {
  return (
    <section aria-labelledby="state-history">
      <h2 id="state-history" className="mb-2 text-base font-semibold">State history</h2>
      <p className="mb-2 text-xs text-slate-500">{source}</p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No state change in this range.</p>
      ) : (
        <Table caption="State history" head={<><Th>When</Th><Th>Change</Th><Th>Reason</Th></>}>
          {rows.map((r, i) => (
            <tr key={`${r.at}-${i}`} data-testid="history-row">
              <Td className="whitespace-nowrap text-xs">{formatTime(r.at)}</Td>
              <Td className="whitespace-nowrap">{r.fromState ? <><AlarmStateBadge state={r.fromState} /> → </> : null}<AlarmStateBadge state={r.toState} /></Td>
              <Td className="text-xs text-slate-600">{r.summary}</Td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
