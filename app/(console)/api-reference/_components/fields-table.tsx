import { Table, Td, Th } from "@/components/ui/table";
import type { FieldRow } from "./fields";

export function FieldsTable({ caption, rows, showRequired = true }: { caption: string; rows: FieldRow[]; showRequired?: boolean }) {
  if (!rows.length) return <p className="text-sm text-slate-500">No fields.</p>;
  return (
    <Table caption={caption} head={<><Th>Field</Th><Th>Type</Th>{showRequired ? <Th>Required</Th> : null}<Th>Notes</Th></>}>
      {rows.map((r) => (
        <tr key={r.name}>
          <Td className="whitespace-nowrap font-mono text-xs">{r.name}</Td>
          <Td className="font-mono text-xs text-slate-600">{r.type}</Td>
          {showRequired ? <Td className="text-xs">{r.required ? "yes" : "—"}</Td> : null}
          <Td className="text-xs text-slate-600">{[r.description, ...r.notes].filter(Boolean).join(" · ")}</Td>
        </tr>
      ))}
    </Table>
  );
}
