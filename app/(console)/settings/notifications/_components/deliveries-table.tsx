import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import type { DeliveryAttemptPage } from "@/lib/notifications/types";
import { deliveryLabel, deliveryTone } from "./delivery-tone";

const fmt = (iso: string) => iso.slice(0, 19).replace("T", " ") + " UTC";

export function DeliveriesTable({ page }: { page: DeliveryAttemptPage }) {
  return (
    <>
      <Table caption="Delivery attempts, newest first" head={<><Th>Time</Th><Th>Event</Th><Th>Destination</Th><Th>Attempt</Th><Th>HTTP status</Th><Th>Duration</Th><Th>Delivery</Th></>}>
        {page.items.map((a) => (
          <tr key={a.id} data-testid="delivery-row">
            <Td className="whitespace-nowrap text-xs">{fmt(a.startedAt)}</Td>
            <Td><code className="font-mono text-xs">{a.event}</code></Td>
            <Td className="min-w-56 max-w-xs break-all text-xs"><span className="font-medium">{a.environment}</span> <span className="font-mono">{a.url}</span></Td>
            <Td>{a.attempt}</Td>
            <Td>
              {a.statusCode !== null ? <Badge tone={a.ok ? "green" : "red"}>{a.statusCode}</Badge> : <Badge tone="red">no answer</Badge>}
              {a.error ? <p className="mt-1 text-xs text-red-700">{a.error}</p> : null}
            </Td>
            <Td className="whitespace-nowrap text-xs">{a.durationMs} ms</Td>
            <Td>
              <Badge tone={deliveryTone(a.deliveryStatus)}>{deliveryLabel(a.deliveryStatus, true)}</Badge>
              {a.nextAttemptAt ? <p className="mt-1 text-xs text-slate-500">next try {fmt(a.nextAttemptAt)}</p> : null}
            </Td>
          </tr>
        ))}
      </Table>
      <div className="mt-2 flex justify-end gap-3 text-sm">
        {page.nextCursor ? <Link href={`/settings/notifications?before=${page.nextCursor}`} className="text-sky-700 hover:underline">Older attempts →</Link> : null}
      </div>
    </>
  );
}
