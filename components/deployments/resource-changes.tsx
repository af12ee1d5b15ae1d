import type { ResourceChange } from "@/lib/deployments/types";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

const ACTION_TONE = { Add: "green", Modify: "blue", Remove: "red", Import: "grey", Dynamic: "grey" } as const;

/** A change set's resource changes; a replacement of a data store is red, since it can lose data. */
export function ResourceChanges({ changes }: { changes: ResourceChange[] }) {
  if (!changes.length) return <p className="text-sm text-slate-600">No resource changes.</p>;
  return (
    <Table caption="Resource changes" head={<><Th>Action</Th><Th>Resource</Th><Th>Type</Th><Th>Replacement</Th><Th>Caused by</Th></>}>
      {changes.map((c) => {
        const dangerous = c.dataStore && (c.replacement === "True" || c.replacement === "Conditional" || c.action === "Remove");
        return (
          <tr key={c.logicalId} className={dangerous ? "bg-red-50" : ""}>
            <Td><Badge tone={ACTION_TONE[c.action]}>{c.action}</Badge></Td>
            <Td>
              <span className="font-mono text-xs">{c.logicalId}</span>
              {c.physicalId ? <span className="block font-mono text-[11px] text-slate-500">{c.physicalId}</span> : null}
            </Td>
            <Td className="font-mono text-xs">{c.resourceType}</Td>
            <Td>
              {c.replacement === "True" ? <Badge tone={c.dataStore ? "red" : "amber"}>Replacement</Badge> : null}
              {c.replacement === "Conditional" ? <Badge tone={c.dataStore ? "red" : "amber"}>May replace</Badge> : null}
              {c.replacement === "False" ? <span className="text-xs text-slate-500">in place</span> : null}
              {dangerous ? <span className="mt-1 block text-xs font-medium text-red-700">Data store: data may be lost</span> : null}
            </Td>
            <Td className="text-xs text-slate-600">
              {c.details.length
                ? c.details.map((d, i) => (
                    <span key={i} className="block">
                      {d.name ?? d.attribute}
                      {d.requiresRecreation && d.requiresRecreation !== "Never" ? ` (recreation: ${d.requiresRecreation.toLowerCase()})` : ""}
                    </span>
                  ))
                : c.scope.join(", ") || "—"}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}
