// The estimator's contract. Other modules (template catalog, change preview, CLI) code against these names.

/** A template resource after conditions are evaluated and intrinsics resolved where possible. Values that could
 * not be resolved stay as they were (e.g. `{ "Fn::ImportValue": ... }`) and are reported, never guessed. */
export interface ResolvedResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

/** Usage assumptions from the environment profile. Known keys (all per month, see lib/cost/README.md):
 * natGatewayGbProcessed, albLcuPerHour, logsGbIngested, logsGbStored, dataTransferOutGb, rdsBackupStorageGb. */
export interface CostAssumptions {
  [key: string]: number;
}

export interface CostLine {
  logicalId: string;
  type: string;
  description: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  monthly: number;
  kind: "fixed" | "usage";
  priced: boolean;
  note?: string;
}

export interface Estimate {
  currency: "USD";
  region: string;
  monthlyTotal: number;
  fixed: number;
  usage: number;
  lines: CostLine[];
  assumptions: CostAssumptions;
  priceCatalogDate: string;
}

export type ResourceChange = "added" | "removed" | "changed";

/** One resource's cost movement in a change preview. Unchanged resources are left out. */
export interface ResourceCostDelta {
  logicalId: string;
  type: string;
  change: ResourceChange;
  before: number;
  after: number;
  delta: number;
}

export interface EstimateDiff {
  monthlyDelta: number;
  lines: ResourceCostDelta[];
}

/** One price in a bundled catalog: where it came from and when it was recorded. */
export interface PriceEntry {
  price: number;
  unit: string;
  source: string;
  date: string;
}

export interface PriceCatalog {
  region: string;
  currency: "USD";
  /** The newest `date` among the entries: the figure shown as "prices as of". */
  catalogDate: string;
  prices: Record<string, PriceEntry>;
}
