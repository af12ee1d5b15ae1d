import { priceKeys } from "./catalog.ts";

/** One product of a GetProducts `PriceList` (each entry arrives as a JSON string). */
export interface PriceListProduct {
  product: { productFamily?: string; sku: string; attributes: Record<string, string | undefined> };
  serviceCode: string;
  terms?: { OnDemand?: Record<string, { priceDimensions: Record<string, PriceDimension>; effectiveDate?: string }> };
}

export interface PriceDimension {
  unit: string;
  beginRange?: string;
  endRange?: string;
  description?: string;
  pricePerUnit: { USD?: string };
}

// Usage types carry a region prefix that differs per region and per service (us-east-1 is often unprefixed, or
// "USE1-"; KMS uses the region code). Matching a known prefix exactly keeps look-alikes out: "TS-LoadBalancerUsage"
// and "Outposts-LoadBalancerUsage" are different products from "LoadBalancerUsage".
const USAGE_PREFIXES: Record<string, string[]> = {
  "us-east-1": ["", "USE1-", "us-east-1-"],
  "eu-west-1": ["EU-", "eu-west-1-"],
};

export const LOCATION_NAMES: Record<string, string> = {
  "us-east-1": "US East (N. Virginia)",
  "eu-west-1": "EU (Ireland)",
};

export function supportedRefreshRegions(): string[] {
  return Object.keys(USAGE_PREFIXES);
}

/** The usage type without this region's prefix, or undefined when it is not this region's. */
function baseUsageType(usagetype: string | undefined, region: string): string | undefined {
  if (!usagetype) return undefined;
  const prefixes = [...(USAGE_PREFIXES[region] ?? [])].sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    // An unprefixed match only counts when the usage type does not start with another prefix ("TS-", "EU-").
    if (prefix === "" && /^[A-Z]{2,4}\d?-/.test(usagetype)) continue;
    if (usagetype.startsWith(prefix)) return usagetype.slice(prefix.length);
  }
  return undefined;
}

const FIXED_USAGE_KEYS: Record<string, Record<string, string>> = {
  AmazonRDS: {
    "RDS:GP3-Storage": priceKeys.rdsGp3Storage(false),
    "RDS:Multi-AZ-GP3-Storage": priceKeys.rdsGp3Storage(true),
    "RDS:ChargedBackupUsage": priceKeys.rdsBackupStorage,
  },
  AmazonECS: {
    "Fargate-vCPU-Hours:perCPU": priceKeys.fargateVcpu(false),
    "Fargate-GB-Hours": priceKeys.fargateGb(false),
    "Fargate-ARM-vCPU-Hours:perCPU": priceKeys.fargateVcpu(true),
    "Fargate-ARM-GB-Hours": priceKeys.fargateGb(true),
  },
  AWSELB: { LoadBalancerUsage: priceKeys.albHour, LCUUsage: priceKeys.albLcu },
  AmazonEC2: { "NatGateway-Hours": priceKeys.natHour, "NatGateway-Bytes": priceKeys.natGb },
  AmazonVPC: { "PublicIPv4:InUseAddress": priceKeys.publicIpv4 },
  AmazonCloudWatch: {
    "DataProcessing-Bytes": priceKeys.logsIngest,
    "TimedStorage-ByteHrs": priceKeys.logsStorage,
    "CW:AlarmMonitorUsage": priceKeys.alarmStandard,
    "CW:HighResAlarmMonitorUsage": priceKeys.alarmHighResolution,
  },
  awskms: { "KMS-Keys": priceKeys.kmsKey },
  AWSSecretsManager: { "AWSSecretsManager-Secrets": priceKeys.secret },
};

/** The catalog key a product prices, or undefined when the catalog does not use it. */
export function catalogKeyFor(item: PriceListProduct, region: string): string | undefined {
  const attrs = item.product.attributes;
  if (attrs.locationType && attrs.locationType !== "AWS Region") return undefined;
  if (item.serviceCode === "AWSDataTransfer") {
    const outbound = attrs.fromRegionCode === region && attrs.toLocation === "External" && attrs.transferType === "AWS Outbound";
    return outbound ? priceKeys.dataTransferOut : undefined;
  }
  if (attrs.regionCode ? attrs.regionCode !== region : attrs.location !== LOCATION_NAMES[region]) return undefined;
  const usage = baseUsageType(attrs.usagetype, region);
  if (!usage) return undefined;
  const engineMatches = !attrs.databaseEngine || attrs.databaseEngine === "PostgreSQL" || attrs.databaseEngine === "Any";
  if (item.serviceCode === "AmazonRDS") {
    if (!engineMatches) return undefined;
    const instance = /^(InstanceUsage|Multi-AZUsage):(db\.[a-z0-9.]+)$/.exec(usage);
    if (instance && item.product.productFamily === "Database Instance") {
      const multiAz = attrs.deploymentOption === "Multi-AZ";
      if (!multiAz && attrs.deploymentOption !== "Single-AZ") return undefined;
      return priceKeys.rdsInstance(instance[2], multiAz);
    }
  }
  if (item.serviceCode === "AmazonElastiCache") {
    const node = /^NodeUsage:(cache\.[a-z0-9.]+)$/.exec(usage);
    return node && attrs.cacheEngine === "Redis" ? priceKeys.cacheNode(node[1]) : undefined;
  }
  return FIXED_USAGE_KEYS[item.serviceCode]?.[usage];
}

/** The on-demand unit price: the lowest tier with a positive price (a leading free tier is an allowance, not
 * the rate a workload pays). */
export function onDemandPrice(item: PriceListProduct): { usd: number; unit: string } | undefined {
  const dimensions = Object.values(item.terms?.OnDemand ?? {}).flatMap((term) => Object.values(term.priceDimensions));
  const paid = dimensions
    .map((d) => ({ usd: Number(d.pricePerUnit.USD), unit: d.unit, begin: Number(d.beginRange ?? 0) }))
    .filter((d) => Number.isFinite(d.usd) && d.usd > 0)
    .sort((a, b) => a.begin - b.begin);
  return paid[0] && { usd: paid[0].usd, unit: paid[0].unit };
}
