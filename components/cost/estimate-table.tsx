import type { Estimate } from "@/lib/cost/types";
import { formatMoney, formatQuantity, formatUnitPrice } from "@/lib/cost/format";
import { Table, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";

/** Line items of an estimate; $0 lines are folded into one row so the priced ones stand out. */
export function EstimateTable({ estimate }: { estimate: Estimate }) {
  const priced = estimate.lines.filter((l) => l.monthly > 0 || !l.priced);
  const free = estimate.lines.filter((l) => l.monthly === 0 && l.priced);
  return (
    <div className="space-y-2">
      <Table caption="Monthly cost estimate" head={<><Th>Resource</Th><Th>Item</Th><Th className="text-right">Quantity</Th><Th>Unit</Th><Th className="text-right">Unit price</Th><Th className="text-right">Monthly</Th></>}>
        {priced.map((l, i) => (
          <tr key={`${l.logicalId}-${i}`}>
            <Td className="font-mono text-xs">{l.logicalId}</Td>
            <Td>
              {l.description}
              {l.kind === "usage" ? <span className="ml-1"><Badge tone="blue">usage</Badge></span> : null}
              {!l.priced ? <span className="ml-1"><Badge tone="amber">{l.note ?? "not priced"}</Badge></span> : l.note ? <span className="block text-xs text-slate-500">{l.note}</span> : null}
            </Td>
            <Td className="text-right tabular-nums">{formatQuantity(l.quantity)}</Td>
            <Td className="text-slate-600">{l.unit}</Td>
            <Td className="text-right tabular-nums">{formatUnitPrice(l.unitPrice)}</Td>
            <Td className="text-right font-medium tabular-nums">{formatMoney(l.monthly)}</Td>
          </tr>
        ))}
        <tr className="bg-slate-50">
          <Td className="text-slate-600" >{free.length} resources</Td>
          <Td className="text-slate-600">no charge (VPC, subnets, security groups, IAM, listeners, …)</Td>
          <Td /><Td /><Td />
          <Td className="text-right tabular-nums">{formatMoney(0)}</Td>
        </tr>
      </Table>
      <p className="text-right text-sm">
        Fixed {formatMoney(estimate.fixed)} · usage {formatMoney(estimate.usage)} ·{" "}
        <strong>total {formatMoney(estimate.monthlyTotal)}/month</strong>
        <span className="block text-xs text-slate-500">
          {estimate.region} on-demand prices as of {estimate.priceCatalogDate}; usage from this environment&apos;s assumptions; 730 hours a month.
        </span>
      </p>
    </div>
  );
}
