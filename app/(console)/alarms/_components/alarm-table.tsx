import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { AlarmStateBadge, formatTime } from "@/components/alarms/alarm-state-badge";
import type { AlarmSummary } from "@/lib/alarms/types";

export function AlarmTable({ alarms }: { alarms: AlarmSummary[] }) {
  return (
    <Table caption="Alarms" head={<><Th>State</Th><Th>Alarm</Th><Th>Stack</Th><Th>Resource</Th><Th>Condition</Th><Th>Since</Th></>}>
      {alarms.map((a) => (
        <tr key={`${a.region}/${a.name}`} data-testid="alarm-row">
          <Td><AlarmStateBadge state={a.state} /></Td>
          <Td>
            <Link href={`/alarms/${encodeURIComponent(a.name)}?env=${a.environment}`} className="font-medium text-sky-700 hover:underline">{a.name}</Link>
            {a.state === "ALARM" && a.stateReason ? <span className="mt-0.5 block max-w-md truncate text-xs text-red-700" title={a.stateReason}>{a.stateReason}</span> : null}
          </Td>
          <Td><Link href={`/stacks/${a.stack}`} className="hover:underline">{a.stack}</Link></Td>
          <Td className="font-mono text-xs">{a.resource}</Td>
          <Td className="text-xs">{a.namespace ? <span className="block text-slate-500">{a.namespace}</span> : null}{a.condition}</Td>
          <Td className="whitespace-nowrap text-xs text-slate-600">{formatTime(a.since)}</Td>
        </tr>
      ))}
    </Table>
  );
}
