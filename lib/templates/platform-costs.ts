import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { serviceCategory, totalsBy } from "../cost/categories.ts";
import { environmentMonthlyEstimate } from "../deployments/stack-summaries.ts";
import { parsedVersion } from "./analyze.ts";
import { getEnvironmentTarget } from "../environments/targets.ts";
import { estimatePlatform, type PlatformEstimate } from "./platform-estimate.ts";

export interface PlatformCosts {
  estimate: PlatformEstimate;
  byService: { key: string; monthly: number }[];
  unpriced: number;
}

/** What the stacks that exist cost a month, each at the estimate it was last deployed with. */
export interface DeployedCost {
  monthly: number;
  /** Stacks with an estimate (a successful deployment), out of `live` stacks that exist. */
  stacks: number;
  live: number;
}

/**
 * What the whole platform would cost a month in an environment if every template were deployed, from the
 * catalog's current template versions and the environment's profile: per stack and per AWS service. The one
 * source of the "whole platform" figure (Templates, Costs and the overview all show this total).
 */
export async function getPlatformCosts(db: Db, actor: Actor, environment: EnvironmentSummary): Promise<PlatformCosts | null> {
  assertCan(actor, "stack:read", environment);
  const rows = await db.template.findMany({
    where: { currentVersionId: { not: null } },
    select: { name: true, currentVersion: { select: { sha256: true, body: true } } },
    orderBy: { name: "asc" },
  });
  if (!rows.length) return null;
  const sources = rows.map((r) => ({ name: r.name, document: parsedVersion(r.currentVersion!.sha256, r.currentVersion!.body).document }));
  // The environment's own region's prices (its AWS target; an admin may have moved it from the profile's).
  const { region } = await getEnvironmentTarget(db, environment.key);
  const estimate = await estimatePlatform({ environment: environment.key, sources, region });
  const priced = estimate.lines.filter((l) => l.priced);
  return {
    estimate: { ...estimate, byStack: [...estimate.byStack].sort((a, b) => b.monthly - a.monthly) },
    byService: totalsBy(priced, (l) => serviceCategory(l.type), (l) => l.monthly).filter((c) => c.monthly > 0),
    unpriced: estimate.lines.filter((l) => !l.priced).length,
  };
}

/** The deployed side of the costs: the sum the overview and the Costs page show as "deployed". */
export async function getDeployedCost(db: Db, actor: Actor, environment: EnvironmentSummary): Promise<DeployedCost> {
  assertCan(actor, "stack:read", environment);
  // One aggregate query (each stack's last success, by a LATERAL lookup), not every deployment of every stack.
  const [priced, live] = await Promise.all([
    environmentMonthlyEstimate(db, environment.id),
    db.stack.count({ where: { environmentId: environment.id, deletedAt: null } }),
  ]);
  return { monthly: priced.monthly, stacks: priced.stacks, live };
}
