import { loadCatalog } from "./catalog.ts";
import { unpricedLine } from "./lines.ts";
import type { Pricer, PricingContext } from "./pricers/context.ts";
import { priceCacheCluster, priceReplicationGroup } from "./pricers/elasticache.ts";
import { priceEcsService } from "./pricers/fargate.ts";
import { isFreeType, priceEcsCluster, priceFree } from "./pricers/free.ts";
import { isInternetFacing, priceElasticIp, priceLoadBalancer, priceNatGateway, priceVpcEndpoint } from "./pricers/network.ts";
import { priceAlarm, priceLogGroup } from "./pricers/observability.ts";
import { priceDbInstance } from "./pricers/rds.ts";
import { priceKmsKey, priceSecret } from "./pricers/security.ts";
import type { CostAssumptions, CostLine, Estimate, EstimateDiff, ResolvedResource, ResourceCostDelta } from "./types.ts";

const PRICERS: Record<string, Pricer> = {
  "AWS::RDS::DBInstance": priceDbInstance,
  "AWS::ElastiCache::ReplicationGroup": priceReplicationGroup,
  "AWS::ElastiCache::CacheCluster": priceCacheCluster,
  "AWS::ECS::Service": priceEcsService,
  "AWS::ECS::Cluster": priceEcsCluster,
  "AWS::EC2::NatGateway": priceNatGateway,
  "AWS::EC2::EIP": priceElasticIp,
  "AWS::EC2::VPCEndpoint": priceVpcEndpoint,
  "AWS::ElasticLoadBalancingV2::LoadBalancer": priceLoadBalancer,
  "AWS::Logs::LogGroup": priceLogGroup,
  "AWS::CloudWatch::Alarm": priceAlarm,
  "AWS::KMS::Key": priceKmsKey,
  "AWS::SecretsManager::Secret": priceSecret,
};

/**
 * Monthly cost of a set of resolved resources in a region: one or more lines per resource, split into fixed cost
 * and usage-based cost (from the stated assumptions). Pure and synchronous. Amounts keep full precision; round
 * only when presenting them (see format.ts).
 */
export function estimateMonthlyCost(input: {
  resources: ResolvedResource[];
  region: string;
  assumptions: CostAssumptions;
}): Estimate {
  const catalog = loadCatalog(input.region);
  const context: PricingContext = {
    catalog,
    assumptions: input.assumptions,
    resourcesById: new Map(input.resources.map((r) => [r.logicalId, r])),
    natGatewayCount: input.resources.filter((r) => r.type === "AWS::EC2::NatGateway").length,
    internetFacingAlbCount: input.resources.filter(
      (r) => r.type === "AWS::ElasticLoadBalancingV2::LoadBalancer" && isInternetFacing(r),
    ).length,
  };
  const lines = input.resources.flatMap((resource) => priceResource(resource, context));
  const sum = (kind: CostLine["kind"]) =>
    lines.filter((l) => l.priced && l.kind === kind).reduce((total, l) => total + l.monthly, 0);
  const fixed = sum("fixed");
  const usage = sum("usage");
  return {
    currency: "USD",
    region: input.region,
    monthlyTotal: fixed + usage,
    fixed,
    usage,
    lines,
    assumptions: { ...input.assumptions },
    priceCatalogDate: catalog.catalogDate,
  };
}

function priceResource(resource: ResolvedResource, context: PricingContext): CostLine[] {
  const pricer = PRICERS[resource.type] ?? (isFreeType(resource.type) ? priceFree : undefined);
  // An unknown type is listed, never dropped: the reader must see what the total leaves out.
  if (!pricer) return [unpricedLine(resource, resource.type, "not priced")];
  return pricer(resource, context);
}

/**
 * The cost effect of a change, per logical ID: resources added, removed, or whose monthly cost (or priced state)
 * changed. `before` is null for a stack that does not exist yet.
 */
export function diffEstimates(before: Estimate | null, after: Estimate): EstimateDiff {
  const old = totalsByResource(before?.lines ?? []);
  const next = totalsByResource(after.lines);
  const lines: ResourceCostDelta[] = [];
  for (const [logicalId, now] of next) {
    const was = old.get(logicalId);
    if (!was) {
      lines.push({ logicalId, type: now.type, change: "added", before: 0, after: now.monthly, delta: now.monthly });
    } else if (!sameCost(was, now)) {
      lines.push({ logicalId, type: now.type, change: "changed", before: was.monthly, after: now.monthly, delta: now.monthly - was.monthly });
    }
  }
  for (const [logicalId, was] of old) {
    if (!next.has(logicalId)) {
      lines.push({ logicalId, type: was.type, change: "removed", before: was.monthly, after: 0, delta: -was.monthly });
    }
  }
  return { monthlyDelta: after.monthlyTotal - (before?.monthlyTotal ?? 0), lines };
}

interface ResourceTotal {
  type: string;
  monthly: number;
  unpriced: number;
  signature: string;
}

function totalsByResource(lines: CostLine[]): Map<string, ResourceTotal> {
  const totals = new Map<string, ResourceTotal>();
  for (const line of lines) {
    const total = totals.get(line.logicalId) ?? { type: line.type, monthly: 0, unpriced: 0, signature: "" };
    if (line.priced) total.monthly += line.monthly;
    else total.unpriced += 1;
    total.signature += `${line.description}|`;
    totals.set(line.logicalId, total);
  }
  return totals;
}

// A tolerance, because the same figures summed in another order can differ in the last binary digit.
function sameCost(a: ResourceTotal, b: ResourceTotal): boolean {
  return Math.abs(a.monthly - b.monthly) < 1e-9 && a.unpriced === b.unpriced && a.type === b.type && a.signature === b.signature;
}
