import type { TemplateDetail } from "@/lib/templates/detail";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

export function VersionHistory({ versions }: Pick<TemplateDetail, "versions">) {
  return (
    <Table caption="Version history" head={<><Th>Version</Th><Th>Loaded (UTC)</Th><Th>Status</Th></>}>
      {versions.map((v) => (
        <tr key={v.id}>
          <Td className="font-mono text-xs" >{v.sha256.slice(0, 12)}</Td>
          <Td>{v.createdAt.slice(0, 19).replace("T", " ")}</Td>
          <Td>
            {v.current ? <Badge tone="green">current</Badge> : v.valid ? <Badge>valid</Badge> : <Badge tone="red">invalid</Badge>}
            {!v.valid ? <span className="ml-2 text-xs text-red-700">{v.issues.map((i) => (i.line ? `line ${i.line}: ` : "") + i.message).join("; ")}</span> : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
