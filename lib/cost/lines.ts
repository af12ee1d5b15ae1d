import { findPrice } from "./catalog.ts";
import type { CostLine, PriceCatalog, ResolvedResource } from "./types.ts";
import { describeValue } from "./values.ts";

export interface LineSpec {
  description: string;
  quantity: number;
  unit: string;
  priceKey: string;
  kind: CostLine["kind"];
  note?: string;
}

/** A line priced from the catalog. A key missing from the catalog yields an unpriced line, never a guess. */
export function pricedLine(resource: ResolvedResource, catalog: PriceCatalog, spec: LineSpec): CostLine {
  const entry = findPrice(catalog, spec.priceKey);
  if (!entry) {
    return unpricedLine(resource, spec.description, `"${spec.priceKey}" is not in the ${catalog.region} price catalog`);
  }
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    description: spec.description,
    quantity: spec.quantity,
    unit: spec.unit,
    unitPrice: entry.price,
    // Full precision on purpose: rounding happens only when an amount is shown (formatMoney).
    monthly: spec.quantity * entry.price,
    kind: spec.kind,
    priced: true,
    ...(spec.note ? { note: spec.note } : {}),
  };
}

export function freeLine(resource: ResolvedResource, description: string, note?: string): CostLine {
  return {
    logicalId: resource.logicalId,
    type: resource.type,
    description,
    quantity: 0,
    unit: "",
    unitPrice: 0,
    monthly: 0,
    kind: "fixed",
    priced: true,
    ...(note ? { note } : {}),
  };
}

export function unpricedLine(resource: ResolvedResource, description: string, note: string): CostLine {
  return { ...freeLine(resource, description), priced: false, note };
}

/** The line for a property whose value the resolver could not evaluate. */
export function unresolvedLine(resource: ResolvedResource, description: string, property: string, raw: unknown): CostLine {
  return unpricedLine(resource, description, `${property} could not be resolved (${describeValue(raw)}); not priced`);
}
