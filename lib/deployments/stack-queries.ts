import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { storedResources } from "../stacks/resources-refresh.ts";
import { getStackDrift } from "../drift/queries.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { getEnvironmentTarget } from "../environments/targets.ts";
import { findDiscoveredStack, listDiscoveredStacks, toDiscoveredDetail } from "../stacks/discovery/queries.ts";
import { ACTIVE } from "./context.ts";
import { diffParameters, durationSeconds, summarySelect, toSummary } from "./dto.ts";
import { eventSelect, toEventDto } from "./deployment-queries.ts";
import { stackFacts, type StackFacts } from "./stack-summaries.ts";
import { allowedStackActions } from "./stack-actions.ts";
import { stackStatusGroupWhere } from "./stack-status-groups.ts";
import type { StackStatusGroup } from "./stack-status.ts";
import type { DeploymentHistoryEntry, Page, StackDetail, StackOutputDto, StackSummary } from "./types.ts";

// The stack page shows the latest of each; the deployments page (filtered by stack) and each deployment's page have
// the rest. Every row costs server rendering twice (HTML and the RSC payload): 50 + 100 made the page 370 KB.
const HISTORY = 20;
const EVENTS = 50;

const stackSelect = {
  id: true, name: true, templateName: true, status: true, statusReason: true, deletedAt: true, region: true, awsStackId: true,
  environment: { select: { key: true } },
} as const;

interface StackRow {
  name: string;
  templateName: string;
  status: string | null;
  statusReason: string | null;
  deletedAt: Date | null;
  region: string;
  awsStackId: string | null;
  environment: { key: string };
}

/** The account is the stack's own (its ARN says), else the environment's (before CloudFormation created it). */
function toStackSummary(row: StackRow, facts: StackFacts | undefined, environmentAccount: string): StackSummary {
  return {
    accountId: row.awsStackId?.split(":")[4] || environmentAccount,
    region: row.region,
    stackId: row.awsStackId,
    managed: true,
    name: row.name,
    environment: row.environment.key,
    templateName: row.templateName,
    status: row.status,
    statusReason: row.statusReason,
    deleted: row.deletedAt !== null,
    monthlyEstimate: facts?.monthlyEstimate ?? null,
    lastDeployment: facts?.lastDeployment ?? null,
  };
}

/** An environment's stacks by name (keyset: cursor = the last name of the previous page). */
export async function listStacks(
  db: Db,
  actor: Actor,
  environment: string,
  { cursor, limit, includeDeleted = false, status, managed }: { cursor?: string | null; limit?: number; includeDeleted?: boolean; status?: StackStatusGroup; managed?: boolean } = {},
): Promise<Page<StackSummary>> {
  const env = await getEnvironmentByKey(db, environment);
  assertCan(actor, "stack:read", env);
  const take = Math.min(Math.max(Math.trunc(limit ?? 50), 1), 200);
  const target = await getEnvironmentTarget(db, env.key);
  const [ours, theirs] = await Promise.all([
    managed === false ? [] : managedPage(db, env.id, target.accountId, { cursor, take, includeDeleted, status }),
    managed === true || status ? [] : listDiscoveredStacks(db, { id: env.id, key: env.key }, cursor ?? null, take + 1),
  ]);
  // One list by name across both sources (keyset: cursor = the last name of the previous page).
  const merged = [...ours, ...theirs].sort((a, b) => a.name.localeCompare(b.name, "en") || a.region.localeCompare(b.region));
  const items = merged.slice(0, take);
  return { items, nextCursor: merged.length > take ? items[items.length - 1]!.name : null };
}

async function managedPage(
  db: Db,
  environmentId: string,
  environmentAccount: string,
  { cursor, take, includeDeleted, status }: { cursor?: string | null; take: number; includeDeleted: boolean; status?: StackStatusGroup },
): Promise<StackSummary[]> {
  const env = { id: environmentId };
  const rows = await db.stack.findMany({
    where: {
      environmentId: env.id,
      ...(includeDeleted ? {} : { deletedAt: null }),
      ...(cursor ? { name: { gt: cursor } } : {}),
      ...(status ? { AND: [stackStatusGroupWhere(status)] } : {}),
    },
    orderBy: { name: "asc" },
    take: take + 1,
    select: stackSelect,
  });
  const facts = await stackFacts(db, rows.map((r) => r.id));
  return rows.map((r) => toStackSummary(r, facts.get(r.id), environmentAccount));
}

/** Everything the stack page shows, from the database only: resources as the background refresh last read them. */
export async function getStackDetail(db: Db, actor: Actor, stackName: string): Promise<StackDetail> {
  const row = await db.stack.findUnique({
    where: { name: stackName },
    select: { ...stackSelect, parameters: true, outputs: true, environment: { select: { key: true, requiresApproval: true } } },
  });
  if (!row) return getUnmanagedStackDetail(db, actor, stackName);
  assertCan(actor, "stack:read", row.environment);
  const target = await getEnvironmentTarget(db, row.environment.key);
  const [history, events, active, facts, resources, drift] = await Promise.all([
    db.deployment.findMany({
      where: { stackId: row.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY + 1,
      select: { ...summarySelect, parameters: true, templateVersion: { select: { id: true, sha256: true } } },
    }),
    db.stackEvent.findMany({ where: { stackId: row.id }, orderBy: { id: "desc" }, take: EVENTS, select: eventSelect }),
    db.deployment.findFirst({ where: { stackId: row.id, status: { in: ACTIVE } }, select: { id: true, status: true } }),
    stackFacts(db, [row.id]),
    row.deletedAt || !row.status ? null : storedResources(db, row.id),
    getStackDrift(db, row.id),
  ]);
  return {
    ...toStackSummary(row, facts.get(row.id), target.accountId),
    awsStackId: row.awsStackId,
    parameters: row.parameters as Record<string, string>,
    outputs: row.outputs as unknown as StackOutputDto[],
    resources: resources?.resources.map((r) => ({ logicalId: r.logicalId, physicalId: r.physicalId, resourceType: r.resourceType, status: r.status, reason: r.reason ?? null })) ?? null,
    resourcesRefreshedAt: resources?.refreshedAt.toISOString() ?? null,
    activeDeployment: active,
    allowedActions: allowedStackActions(row.deletedAt ? null : row.status, active),
    deployments: historyWithDiffs(history).slice(0, HISTORY),
    olderDeployments: history.length > HISTORY,
    events: events.map(toEventDto),
    drift,
  };
}

/** A stack discovery found in an environment's account that the console does not manage: read-only. */
async function getUnmanagedStackDetail(db: Db, actor: Actor, stackName: string): Promise<StackDetail> {
  const found = await findDiscoveredStack(db, stackName);
  if (!found) throw notFound(`Stack ${stackName}`);
  const environment = await db.environment.findUniqueOrThrow({ where: { id: found.environmentId }, select: { key: true, requiresApproval: true } });
  assertCan(actor, "stack:read", environment);
  return toDiscoveredDetail(found, environment.key);
}

type HistoryRow = Parameters<typeof toSummary>[0] & { parameters: unknown; templateVersion: { id: string; sha256: string } | null };

/** Each entry's parameter diff is against the deployment before it that had parameters (list is newest first). */
function historyWithDiffs(rows: HistoryRow[]): DeploymentHistoryEntry[] {
  return rows.map((row, i) => {
    const params = row.parameters as Record<string, string>;
    const before = rows.slice(i + 1).find((r) => r.templateVersion && r.action !== "delete");
    return {
      ...toSummary(row),
      templateVersion: row.templateVersion,
      parameterDiff: row.templateVersion ? diffParameters((before?.parameters as Record<string, string>) ?? null, params) : [],
      durationSeconds: durationSeconds(row),
    };
  });
}
