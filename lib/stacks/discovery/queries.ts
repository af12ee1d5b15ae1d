import type { Db } from "../../db/client.ts";
import type { StackDetail, StackEventDto, StackOutputDto, StackResourceDto, StackSummary } from "../../deployments/types.ts";

// Reading the stacks the discovery job found in an environment's account that the console does not manage
// (discovered_stacks). They are read-only: no deployments, no actions; an admin may adopt one (adopt.ts).

const select = { id: true, name: true, accountId: true, region: true, stackId: true, status: true, statusReason: true } as const;

interface DiscoveredRow {
  name: string;
  accountId: string;
  region: string;
  stackId: string;
  status: string;
  statusReason: string | null;
}

export function toDiscoveredSummary(row: DiscoveredRow, environment: string): StackSummary {
  return {
    name: row.name,
    environment,
    templateName: null,
    status: row.status,
    statusReason: row.statusReason,
    deleted: false,
    monthlyEstimate: null,
    lastDeployment: null,
    accountId: row.accountId,
    region: row.region,
    stackId: row.stackId,
    managed: false,
  };
}

/** The environment's unmanaged stacks by name after `cursor`, at most `take`. */
export async function listDiscoveredStacks(db: Db, environment: { id: string; key: string }, cursor: string | null, take: number): Promise<StackSummary[]> {
  const rows = await db.discoveredStack.findMany({
    where: { environmentId: environment.id, ...(cursor ? { name: { gt: cursor } } : {}) },
    orderBy: [{ name: "asc" }, { region: "asc" }],
    take,
    select,
  });
  return rows.map((row) => toDiscoveredSummary(row, environment.key));
}

/** An unmanaged stack by name (within one environment when given); null when there is none. */
export function findDiscoveredStack(db: Db, name: string, environmentId?: string) {
  return db.discoveredStack.findFirst({
    where: { name, ...(environmentId ? { environmentId } : {}) },
    orderBy: [{ seenAt: "desc" }, { region: "asc" }],
    select: {
      ...select, environmentId: true, createdTime: true, lastUpdatedTime: true, outputs: true, parameters: true, resources: true, events: true, detailsOf: true,
    },
  });
}

export type DiscoveredStackRow = NonNullable<Awaited<ReturnType<typeof findDiscoveredStack>>>;

/** The read-only stack page of an unmanaged stack: what CloudFormation said when discovery last read it. */
export function toDiscoveredDetail(row: DiscoveredStackRow, environment: string): StackDetail {
  return {
    ...toDiscoveredSummary(row, environment),
    awsStackId: row.stackId,
    parameters: row.parameters as Record<string, string>,
    outputs: row.outputs as unknown as StackOutputDto[],
    resources: row.resources as unknown as StackResourceDto[],
    resourcesRefreshedAt: row.detailsOf?.toISOString() ?? null,
    activeDeployment: null,
    allowedActions: [],
    deployments: [],
    olderDeployments: false,
    events: row.events as unknown as StackEventDto[],
    // The console detects drift of the stacks it manages; adopt one to check it.
    drift: { status: "NOT_CHECKED", checkedAt: null, resources: [] },
  };
}
