import type { StackEventDto } from "@/lib/deployments/types";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { resourceStatusTone } from "./status";

/** Stack events, newest first, as the CloudFormation console shows them. */
export function EventTable({ events, caption = "Events" }: { events: StackEventDto[]; caption?: string }) {
  if (!events.length) return <p className="text-sm text-slate-600">No events yet.</p>;
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading" className="mb-2 text-base font-semibold">{caption} ({events.length})</h2>
      <Table caption={caption} head={<><Th>Time (UTC)</Th><Th>Resource</Th><Th>Status</Th><Th>Reason</Th></>}>
        {[...events].reverse().map((e) => (
          <tr key={e.eventId}>
            <Td className="whitespace-nowrap font-mono text-xs">{e.timestamp.slice(11, 19)}</Td>
            <Td>
              <span className="font-mono text-xs">{e.logicalId}</span>
              <span className="block text-[11px] text-slate-500">{e.resourceType}</span>
            </Td>
            <Td><Badge tone={resourceStatusTone(e.status)}>{e.status}</Badge></Td>
            <Td className="text-xs text-slate-600">{e.reason ?? ""}</Td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
