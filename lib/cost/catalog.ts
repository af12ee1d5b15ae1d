import { AppError } from "../errors.ts";
import type { PriceCatalog, PriceEntry } from "./types.ts";
import euWest1 from "./prices/eu-west-1.json";
import usEast1 from "./prices/us-east-1.json";

/** AWS's and Infracost's convention for a month of always-on usage. */
export const HOURS_PER_MONTH = 730;

// Bundled as modules (not read from disk) so the estimator works the same in Next's server bundle, vitest and the
// tsx-run CLI. Each JSON is parsed once by the module system, which is the cache.
const BUNDLED: Record<string, PriceCatalog> = {
  "us-east-1": usEast1 as PriceCatalog,
  "eu-west-1": euWest1 as PriceCatalog,
};

export function availableRegions(): string[] {
  return Object.keys(BUNDLED).sort();
}

export function loadCatalog(region: string): PriceCatalog {
  const catalog = BUNDLED[region];
  if (!catalog) {
    throw new AppError(
      "validation_failed",
      `There is no price catalog for ${region}. Available regions: ${availableRegions().join(", ")}.`,
    );
  }
  return catalog;
}

export function findPrice(catalog: PriceCatalog, key: string): PriceEntry | undefined {
  return catalog.prices[key];
}

/** Catalog keys, in one place so the estimator and the price-list parser cannot drift apart. */
export const priceKeys = {
  rdsInstance: (instanceClass: string, multiAz: boolean) =>
    `rds.postgres.${instanceClass}.${multiAz ? "multi-az" : "single-az"}`,
  rdsGp3Storage: (multiAz: boolean) => `rds.storage.gp3.${multiAz ? "multi-az" : "single-az"}`,
  rdsBackupStorage: "rds.backup-storage",
  rdsPerformanceInsights: (burstable: boolean) =>
    `rds.performance-insights.long-term.${burstable ? "burstable" : "standard"}`,
  cacheNode: (nodeType: string) => `elasticache.redis.${nodeType}`,
  fargateVcpu: (arm: boolean) => `fargate.${arm ? "linux-arm" : "linux-x86"}.vcpu-hour`,
  fargateGb: (arm: boolean) => `fargate.${arm ? "linux-arm" : "linux-x86"}.gb-hour`,
  albHour: "elb.application.hour",
  albLcu: "elb.application.lcu-hour",
  natHour: "vpc.nat-gateway.hour",
  natGb: "vpc.nat-gateway.gb-processed",
  publicIpv4: "vpc.public-ipv4.hour",
  logsIngest: "logs.ingest-gb",
  logsStorage: "logs.storage-gb-month",
  alarmStandard: "cloudwatch.alarm.standard",
  alarmHighResolution: "cloudwatch.alarm.high-resolution",
  kmsKey: "kms.key-month",
  secret: "secretsmanager.secret-month",
  dataTransferOut: "data-transfer.out-internet-gb",
} as const;
