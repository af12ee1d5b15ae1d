import type { CostAssumptions, CostLine, PriceCatalog, ResolvedResource } from "../types.ts";

/** What a pricer may look at beyond its own resource: other resources (a service's task definition, a NAT
 * gateway's EIP), the stated usage assumptions, and how many resources share an environment-wide assumption. */
export interface PricingContext {
  catalog: PriceCatalog;
  assumptions: CostAssumptions;
  resourcesById: ReadonlyMap<string, ResolvedResource>;
  natGatewayCount: number;
  internetFacingAlbCount: number;
}

export type Pricer = (resource: ResolvedResource, context: PricingContext) => CostLine[];

/** An assumption, or 0 with a note when the profile does not state it (so the gap is visible, not hidden). */
export function assumption(context: PricingContext, key: string): { value: number; note?: string } {
  const value = context.assumptions[key];
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return { value };
  return { value: 0, note: `assumption ${key} is not set; counted as 0` };
}
