import type { ParameterChange } from "@/lib/deployments/types";
import { Table, Td, Th } from "@/components/ui/table";

export function ParameterDiff({ changes }: { changes: ParameterChange[] }) {
  if (!changes.length) return <p className="text-sm text-slate-600">No parameter changes.</p>;
  return (
    <Table caption="Parameter changes" head={<><Th>Parameter</Th><Th>Before</Th><Th>After</Th></>}>
      {changes.map((c) => (
        <tr key={c.name}>
          <Td className="font-mono text-xs">{c.name}</Td>
          <Td className="font-mono text-xs text-slate-500">{c.before ?? "—"}</Td>
          <Td className="font-mono text-xs">{c.after ?? "—"}</Td>
        </tr>
      ))}
    </Table>
  );
}
