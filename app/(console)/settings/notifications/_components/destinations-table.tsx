import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import type { DestinationDto } from "@/lib/notifications/types";
import { DestinationButtons } from "./destination-buttons";
import { deliveryLabel, deliveryTone } from "./delivery-tone";

const fmt = (iso: string) => iso.slice(0, 16).replace("T", " ") + " UTC";

export function DestinationsTable({ destinations }: { destinations: DestinationDto[] }) {
  return (
    <Table caption="Notification destinations" head={<><Th>Environment</Th><Th>Kind</Th><Th>URL</Th><Th>Events</Th><Th>Last delivery</Th><Th>Added</Th><Th /></>}>
      {destinations.map((d) => (
        <tr key={d.id} data-testid="destination-row">
          <Td className="font-medium">{d.environment}</Td>
          <Td>{d.kind === "slack" ? "Slack" : "Webhook"}{d.signed ? <span className="ml-1 text-xs text-slate-500">(signed)</span> : null}</Td>
          <Td className="min-w-40 max-w-xs break-all font-mono text-xs">{d.url}</Td>
          <Td className="max-w-sm"><div className="flex flex-wrap gap-1">{d.events.map((e) => <code key={e} className="rounded bg-slate-100 px-1 font-mono text-xs">{e}</code>)}</div></Td>
          <Td>{d.lastDelivery ? <><Badge tone={deliveryTone(d.lastDelivery.status)}>{deliveryLabel(d.lastDelivery.status, d.lastDelivery.statusCode !== null)}</Badge>{d.lastDelivery.statusCode ? <span className="ml-1 font-mono text-xs">{d.lastDelivery.statusCode}</span> : null}</> : <span className="text-slate-500">—</span>}</Td>
          <Td className="whitespace-nowrap text-xs">{fmt(d.createdAt)}<br /><span className="text-slate-500">{d.createdBy}</span></Td>
          <Td><DestinationButtons destinationId={d.id} label={`${d.environment} ${d.url}`} /></Td>
        </tr>
      ))}
    </Table>
  );
}
