import type { Db } from "../db/client.ts";
import { assertCan, type Actor } from "../auth/guard.ts";
import type { EnvironmentSummary } from "../environments/queries.ts";
import { serviceCategory, totalsBy } from "../cost/categories.ts";
import { parsedVersion } from "./analyze.ts";
import { estimatePlatform, type PlatformEstimate } from "./platform-estimate.ts";

export interface PlatformCosts {
  estimate: PlatformEstimate;
  byService: { key: string; monthly: number }[];
  unpriced: number;
}

/**
 * What the whole platform costs a month in an environment, from the catalog's current template versions and the
 * environment's profile: per stack and per AWS service. (Deployed stacks replace this planning view once they exist.)
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
  const estimate = await estimatePlatform({ environment: environment.key, sources });
  const priced = estimate.lines.filter((l) => l.priced);
  return {
    estimate: { ...estimate, byStack: [...estimate.byStack].sort((a, b) => b.monthly - a.monthly) },
    byService: totalsBy(priced, (l) => serviceCategory(l.type), (l) => l.monthly).filter((c) => c.monthly > 0),
    unpriced: estimate.lines.filter((l) => !l.priced).length,
  };
}
