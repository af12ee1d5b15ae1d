import { HOURS_PER_MONTH, priceKeys } from "../catalog.ts";
import { freeLine, pricedLine, unpricedLine, unresolvedLine } from "../lines.ts";
import type { CostLine, ResolvedResource } from "../types.ts";
import { readBoolean, readNumber, readString, referencedLogicalId } from "../values.ts";
import { assumption, type Pricer, type PricingContext } from "./context.ts";

/** AWS::RDS::DBInstance: instance hours, storage, backup beyond the free allowance, Performance Insights beyond
 * the free 7 days, and the Secrets Manager secret RDS creates when it manages the master password. */
export const priceDbInstance: Pricer = (resource, context) => {
  const props = resource.properties;
  const isReplica = props.SourceDBInstanceIdentifier !== undefined;
  const source = isReplica ? sourceInstance(resource, context) : undefined;
  const inherited = (name: string) => props[name] ?? source?.properties[name];

  const engine = readString(inherited("Engine"));
  if (engine.kind === "unresolved") return [unresolvedLine(resource, "Database instance", "Engine", engine.raw)];
  if (engine.kind === "value" && !engine.value.toLowerCase().startsWith("postgres")) {
    return [unpricedLine(resource, `Database instance (${engine.value})`, "only RDS for PostgreSQL is in the price catalog")];
  }
  const instanceClass = readString(inherited("DBInstanceClass"));
  if (instanceClass.kind === "unresolved") {
    return [unresolvedLine(resource, "Database instance", "DBInstanceClass", instanceClass.raw)];
  }
  if (instanceClass.kind === "absent") return [unpricedLine(resource, "Database instance", "DBInstanceClass is not set")];
  const multiAz = readBoolean(props.MultiAZ);
  if (multiAz.kind === "unresolved") return [unresolvedLine(resource, "Database instance", "MultiAZ", multiAz.raw)];
  const isMultiAz = multiAz.kind === "value" && multiAz.value;
  const cls = instanceClass.value;

  const lines: CostLine[] = [
    pricedLine(resource, context.catalog, {
      description: `${cls} PostgreSQL, ${isMultiAz ? "Multi-AZ" : "Single-AZ"}${isReplica ? ", read replica" : ""}`,
      quantity: HOURS_PER_MONTH,
      unit: "hours",
      priceKey: priceKeys.rdsInstance(cls, isMultiAz),
      kind: "fixed",
    }),
  ];
  const storage = storageLine(resource, context, readNumber(inherited("AllocatedStorage")), inherited, isMultiAz);
  lines.push(storage.line);
  // Read replicas keep no automated backups of their own, so only a primary gets a backup line.
  if (!isReplica) lines.push(...backupLines(resource, context, storage.gb));
  lines.push(...performanceInsightsLines(resource, context, cls, isMultiAz));
  const managesSecret = readBoolean(props.ManageMasterUserPassword);
  if (managesSecret.kind === "value" && managesSecret.value) {
    lines.push(
      pricedLine(resource, context.catalog, {
        description: "Master user secret managed by RDS (Secrets Manager)",
        quantity: 1,
        unit: "secrets",
        priceKey: priceKeys.secret,
        kind: "fixed",
      }),
    );
  }
  return lines;
};

function sourceInstance(resource: ResolvedResource, context: PricingContext): ResolvedResource | undefined {
  const id = referencedLogicalId(resource.properties.SourceDBInstanceIdentifier);
  return id ? context.resourcesById.get(id) : undefined;
}

function storageLine(
  resource: ResolvedResource,
  context: PricingContext,
  allocated: ReturnType<typeof readNumber>,
  inherited: (name: string) => unknown,
  isMultiAz: boolean,
): { line: CostLine; gb: number } {
  const description = "Storage";
  if (allocated.kind === "unresolved") return { line: unresolvedLine(resource, description, "AllocatedStorage", allocated.raw), gb: 0 };
  if (allocated.kind === "absent") return { line: unpricedLine(resource, description, "AllocatedStorage is not set"), gb: 0 };
  const storageType = readString(inherited("StorageType"));
  if (storageType.kind === "unresolved") {
    return { line: unresolvedLine(resource, description, "StorageType", storageType.raw), gb: allocated.value };
  }
  // CloudFormation's default is gp2; RDS lists gp2 and gp3 at the same GB-month price, so both use the gp3 entry.
  const type = storageType.kind === "value" ? storageType.value.toLowerCase() : "gp2";
  if (type !== "gp2" && type !== "gp3") {
    return { line: unpricedLine(resource, `Storage (${type})`, `storage type ${type} is not in the price catalog`), gb: allocated.value };
  }
  const line = pricedLine(resource, context.catalog, {
    description: `Storage (${type}, ${isMultiAz ? "Multi-AZ" : "Single-AZ"})`,
    quantity: allocated.value,
    unit: "GB-months",
    priceKey: priceKeys.rdsGp3Storage(isMultiAz),
    kind: "fixed",
    ...(type === "gp2" ? { note: "gp2 is billed at the same rate as gp3" } : {}),
  });
  return { line, gb: allocated.value };
}

function backupLines(resource: ResolvedResource, context: PricingContext, allocatedGb: number): CostLine[] {
  const retention = readNumber(resource.properties.BackupRetentionPeriod);
  if (retention.kind === "value" && retention.value === 0) return [];
  // RDS gives backup storage up to the provisioned storage for free; only the excess is billed.
  const { value: backupGb, note } = assumption(context, "rdsBackupStorageGb");
  return [
    pricedLine(resource, context.catalog, {
      description: "Backup storage beyond the free allowance (= provisioned storage)",
      quantity: Math.max(0, backupGb - allocatedGb),
      unit: "GB-months",
      priceKey: priceKeys.rdsBackupStorage,
      kind: "usage",
      ...(note ? { note } : {}),
    }),
  ];
}

function performanceInsightsLines(resource: ResolvedResource, context: PricingContext, cls: string, isMultiAz: boolean): CostLine[] {
  const enabled = readBoolean(resource.properties.EnablePerformanceInsights);
  if (enabled.kind === "unresolved") return [unresolvedLine(resource, "Performance Insights", "EnablePerformanceInsights", enabled.raw)];
  if (enabled.kind === "absent" || !enabled.value) return [];
  const retention = readNumber(resource.properties.PerformanceInsightsRetentionPeriod);
  if (retention.kind === "unresolved") {
    return [unresolvedLine(resource, "Performance Insights", "PerformanceInsightsRetentionPeriod", retention.raw)];
  }
  if (retention.kind === "absent" || retention.value <= 7) {
    return [freeLine(resource, "Performance Insights, 7-day retention", "the 7-day retention tier is free")];
  }
  // Billed per vCPU of every instance it watches: a Multi-AZ standby counts too.
  const vcpus = vcpusOf(cls) * (isMultiAz ? 2 : 1);
  return [
    pricedLine(resource, context.catalog, {
      description: `Performance Insights, ${retention.value}-day retention (${vcpus} vCPU)`,
      quantity: vcpus,
      unit: "vCPU-months",
      priceKey: priceKeys.rdsPerformanceInsights(cls.startsWith("db.t")),
      kind: "fixed",
    }),
  ];
}

/** vCPUs of an RDS class from its size: micro to large have 2, xlarge 4, Nxlarge 4N. */
export function vcpusOf(instanceClass: string): number {
  const size = instanceClass.split(".").pop() ?? "";
  const multiple = /^(\d+)xlarge$/.exec(size);
  if (multiple) return 4 * Number(multiple[1]);
  return size === "xlarge" ? 4 : 2;
}
