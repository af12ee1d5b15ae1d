import type { ParameterRow } from "@/lib/templates/detail";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

function constraints({ spec, bound }: ParameterRow): string[] {
  const out: string[] = [];
  if (spec.AllowedValues) out.push(`one of ${spec.AllowedValues.join(", ")}`);
  if (spec.AllowedPattern) out.push(`pattern ${spec.AllowedPattern}`);
  if (spec.MinValue !== undefined || spec.MaxValue !== undefined) out.push(`${spec.MinValue ?? "…"} to ${spec.MaxValue ?? "…"}`);
  if (spec.MinLength !== undefined || spec.MaxLength !== undefined) out.push(`${spec.MinLength ?? 0}–${spec.MaxLength ?? "…"} characters`);
  if (bound?.min !== undefined || bound?.max !== undefined) out.push(`here ${bound.min ?? "…"} to ${bound.max ?? "…"}`);
  if (bound?.allowedValues) out.push(`here one of ${bound.allowedValues.join(", ")}`);
  return out;
}

export function ParametersTable({ parameters, environment }: { parameters: ParameterRow[]; environment: string }) {
  if (!parameters.length) return <p className="text-sm text-slate-600">This template takes no parameters.</p>;
  return (
    <Table caption="Parameters" head={<><Th>Name</Th><Th>Type</Th><Th>Constraints</Th><Th>Default</Th><Th>{environment} value</Th><Th>Who may change it</Th></>}>
      {parameters.map((p) => (
        <tr key={p.name}>
          <Td>
            <span className="font-mono text-xs font-medium">{p.name}</span>
            {p.spec.Description ? <span className="mt-0.5 block max-w-sm text-xs text-slate-500">{p.spec.Description}</span> : null}
          </Td>
          <Td className="font-mono text-xs">{p.spec.Type}</Td>
          <Td className="text-xs text-slate-600">{constraints(p).join("; ") || "—"}</Td>
          <Td className="font-mono text-xs">{p.spec.NoEcho ? "****" : String(p.spec.Default ?? "—")}</Td>
          <Td className="font-mono text-xs">{p.spec.NoEcho ? "****" : p.environmentValue ?? "(default)"}</Td>
          <Td>{p.changeableBy === "deployers" ? <Badge tone="blue">deployers</Badge> : <Badge>profile only</Badge>}</Td>
        </tr>
      ))}
    </Table>
  );
}
