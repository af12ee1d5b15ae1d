import type { TemplateDetail } from "@/lib/templates/detail";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

export function ResourcesAndOutputs({ resources, outputs }: Pick<TemplateDetail, "resources" | "outputs">) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="resources">
        <h2 id="resources" className="mb-3 text-base font-semibold">Resources ({resources.length})</h2>
        <Table caption="Resources" head={<><Th>Logical id</Th><Th>Type</Th><Th>Condition</Th></>}>
          {resources.map((r) => (
            <tr key={r.logicalId} className={r.active ? "" : "text-slate-400"}>
              <Td className="font-mono text-xs">{r.logicalId}</Td>
              <Td className="font-mono text-xs">{r.type}</Td>
              <Td>{r.condition ? <Badge tone={r.active ? "green" : "grey"}>{r.condition}: {r.active ? "yes" : "no"}</Badge> : "—"}</Td>
            </tr>
          ))}
        </Table>
      </section>
      <section aria-labelledby="outputs">
        <h2 id="outputs" className="mb-3 text-base font-semibold">Outputs and exports ({outputs.length})</h2>
        {outputs.length ? (
          <Table caption="Outputs" head={<><Th>Output</Th><Th>Export name</Th></>}>
            {outputs.map((o) => (
              <tr key={o.name}>
                <Td>
                  <span className="font-mono text-xs">{o.name}</span>
                  {o.description ? <span className="block text-xs text-slate-500">{o.description}</span> : null}
                </Td>
                <Td className="font-mono text-xs">{o.exportName ?? "—"}</Td>
              </tr>
            ))}
          </Table>
        ) : <p className="text-sm text-slate-600">No outputs.</p>}
      </section>
    </div>
  );
}
