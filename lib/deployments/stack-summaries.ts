import type { Db } from "../db/client.ts";
import type { DeploymentAction, DeploymentStatus } from "./types.ts";

// Per-stack facts drawn from the deployment history: the newest deployment and the monthly estimate of the newest
// successful one. Each is one LATERAL lookup per stack on deployments(stack_id, created_at), so the cost follows
// the number of stacks asked about, never the length of their history (a Prisma nested `take: 1` or `distinct`
// reads every deployment of every stack and keeps one in memory).

export interface LastDeployment {
  id: string;
  action: DeploymentAction;
  status: DeploymentStatus;
  by: string;
  at: string;
}

export interface StackFacts {
  lastDeployment: LastDeployment | null;
  monthlyEstimate: number | null;
}

interface FactsRow {
  stack_id: string;
  last_id: string | null;
  last_action: DeploymentAction | null;
  last_status: DeploymentStatus | null;
  last_at: Date | null;
  last_by: string | null;
  priced_action: DeploymentAction | null;
  monthly: number | null;
}

/** The facts of each stack in `stackIds` (missing from the map: no such stack). */
export async function stackFacts(db: Db, stackIds: string[]): Promise<Map<string, StackFacts>> {
  if (!stackIds.length) return new Map();
  const rows = await db.$queryRaw<FactsRow[]>`
    SELECT s.id::text AS stack_id, last.id::text AS last_id, last.action::text AS last_action, last.status::text AS last_status,
           last.created_at AS last_at, u.email AS last_by, priced.action::text AS priced_action, priced.monthly
    FROM unnest(${stackIds}::uuid[]) AS s(id)
    LEFT JOIN LATERAL (
      SELECT d.id, d.action, d.status, d.created_at, d.requested_by_id FROM deployments d
      WHERE d.stack_id = s.id ORDER BY d.created_at DESC, d.id DESC LIMIT 1
    ) last ON true
    LEFT JOIN users u ON u.id = last.requested_by_id
    LEFT JOIN LATERAL (
      SELECT d.action, (d.cost_delta ->> 'after')::float8 AS monthly FROM deployments d
      WHERE d.stack_id = s.id AND d.status = 'succeeded' ORDER BY d.created_at DESC LIMIT 1
    ) priced ON true`;
  return new Map(rows.map((r) => [r.stack_id, {
    lastDeployment: r.last_id ? { id: r.last_id, action: r.last_action!, status: r.last_status!, by: r.last_by ?? "", at: r.last_at!.toISOString() } : null,
    monthlyEstimate: r.priced_action && r.priced_action !== "delete" && r.monthly !== null ? r.monthly : null,
  }]));
}

/** The environment's deployed stacks' estimates summed (stacks counts those with an estimate). */
export async function environmentMonthlyEstimate(db: Db, environmentId: string): Promise<{ stacks: number; monthly: number }> {
  const [row] = await db.$queryRaw<{ stacks: number; monthly: number | null }[]>`
    SELECT count(priced.monthly)::int AS stacks, sum(priced.monthly)::float8 AS monthly
    FROM stacks s
    CROSS JOIN LATERAL (
      SELECT d.action, (d.cost_delta ->> 'after')::float8 AS monthly FROM deployments d
      WHERE d.stack_id = s.id AND d.status = 'succeeded' ORDER BY d.created_at DESC LIMIT 1
    ) priced
    WHERE s.environment_id = ${environmentId}::uuid AND s.deleted_at IS NULL AND priced.action <> 'delete'`;
  return { stacks: row?.stacks ?? 0, monthly: row?.monthly ?? 0 };
}
