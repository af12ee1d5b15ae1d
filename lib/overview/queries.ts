import "server-only";
import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import { getEnvironmentByKey, type EnvironmentSummary } from "../environments/queries.ts";
import { summarySelect, toSummary } from "../deployments/dto.ts";
import { STACK_STATUS_GROUPS, stackStatusGroup, type StackStatusGroup } from "../deployments/stack-status.ts";
import { stackStatusGroupWhere } from "../deployments/stack-status-groups.ts";
import { IN_FLIGHT_STATUSES } from "../deployments/types.ts";
import { getDeployedCost, getPlatformCosts } from "../templates/platform-costs.ts";
import { getAlarmsInAlarm } from "./alarms.ts";
import { overviewVerdict } from "./verdict.ts";
import type { InProgressDeployment, Overview, OverviewCost } from "./types.ts";
import { driftedStacks } from "../drift/queries.ts";

// Everything the overview shows for one environment, in a handful of small queries (counts and the last 10
// rows; never every deployment).

const RECENT = 10;
const ATTENTION = 5;
const IN_PROGRESS = [...IN_FLIGHT_STATUSES];

export async function getOverview(db: Db, actor: Actor, environmentKey: string): Promise<Overview> {
  const env = await getEnvironmentByKey(db, environmentKey);
  assertCan(actor, "stack:read", env);
  const live = { environmentId: env.id, deletedAt: null };
  const [statuses, attention, alarmsInAlarm, inProgress, awaitingApproval, recent, cost, drifted] = await Promise.all([
    db.stack.groupBy({ by: ["status"], where: live, _count: { _all: true } }),
    db.stack.findMany({
      where: { ...live, OR: [stackStatusGroupWhere("failed"), stackStatusGroupWhere("rollback")] },
      orderBy: { updatedAt: "desc" },
      take: ATTENTION,
      select: { name: true, status: true },
    }),
    getAlarmsInAlarm(db, actor, env.key),
    listInProgress(db, env.id),
    db.deployment.count({ where: { status: "awaiting_approval", stack: { environmentId: env.id } } }),
    db.deployment.findMany({
      where: { stack: { environmentId: env.id } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT,
      select: summarySelect,
    }),
    monthlyCost(db, actor, env),
    driftedStacks(db, env.id),
  ]);
  const byGroup = Object.fromEntries(STACK_STATUS_GROUPS.map((g) => [g, 0])) as Record<StackStatusGroup, number>;
  for (const row of statuses) byGroup[stackStatusGroup(row.status)] += row._count._all;
  const total = statuses.reduce((sum, row) => sum + row._count._all, 0);
  return {
    environment: { key: env.key, name: env.name, requiresApproval: env.requiresApproval },
    stacks: { total, byGroup, attention },
    alarms: alarmsInAlarm,
    inProgress,
    awaitingApproval,
    recent: recent.map(toSummary),
    cost,
    verdict: overviewVerdict({ byGroup, total, alarmsInAlarm: alarmsInAlarm?.count ?? null, inProgress: inProgress.length, awaitingApproval }),
    drifted,
  };
}

async function listInProgress(db: Db, environmentId: string): Promise<InProgressDeployment[]> {
  const rows = await db.deployment.findMany({
    where: { status: { in: IN_PROGRESS }, stack: { environmentId } },
    orderBy: { createdAt: "asc" },
    take: 50,
    select: {
      id: true, action: true, status: true, resourcesDone: true, resourcesTotal: true, startedAt: true,
      stack: { select: { name: true } },
      events: { orderBy: { id: "desc" }, take: 1, select: { id: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    stackName: r.stack.name,
    action: r.action,
    status: r.status,
    resourcesDone: Math.min(r.resourcesDone, r.resourcesTotal),
    resourcesTotal: r.resourcesTotal,
    startedAt: r.startedAt?.toISOString() ?? null,
    lastEventId: r.events[0]?.id.toString() ?? null,
  }));
}

/** What is deployed (stacks that exist, as last deployed) and, apart from it, the whole platform if deployed. */
async function monthlyCost(db: Db, actor: Actor, env: EnvironmentSummary): Promise<OverviewCost> {
  const [deployed, platform] = await Promise.all([
    getDeployedCost(db, actor, env),
    getPlatformCosts(db, actor, env).catch((error: unknown) => {
      console.error("platform estimate for the overview", error);
      return null;
    }),
  ]);
  return { deployed: { monthly: deployed.monthly, stacks: deployed.stacks }, platform: platform?.estimate.monthlyTotal ?? null };
}
