import type { Db } from "../db/client.ts";
import { can, type Actor } from "../auth/guard.ts";
import { listEnvironmentTargets } from "./targets.ts";

/** GET /api/v1/environments: each environment the caller may see, with its AWS target (no secrets: no external id). */
export interface EnvironmentDto {
  key: string;
  name: string;
  accountId: string;
  region: string;
  roleArn: string | null;
  serviceRoleArn: string | null;
  requiresApproval: boolean;
}

/** The Environments page also shows the rest of the target to everyone who may see the environment. */
export interface EnvironmentSettingsDto extends EnvironmentDto {
  regions: string[];
  sessionDurationSeconds: number;
  externalIdSet: boolean;
  source: "profile" | "console";
}

export async function listEnvironmentSettings(db: Db, actor: Actor): Promise<EnvironmentSettingsDto[]> {
  const [environments, targets] = await Promise.all([
    db.environment.findMany({ select: { key: true, name: true, requiresApproval: true }, orderBy: [{ sortOrder: "asc" }, { key: "asc" }] }),
    listEnvironmentTargets(db),
  ]);
  return environments.filter((e) => can(actor, "stack:read", e)).map((e) => {
    const t = targets.find((target) => target.environment === e.key)!;
    return {
      key: e.key, name: e.name, requiresApproval: e.requiresApproval, accountId: t.accountId, region: t.region, roleArn: t.roleArn,
      serviceRoleArn: t.serviceRoleArn, regions: t.regions, sessionDurationSeconds: t.sessionDurationSeconds, externalIdSet: t.externalId !== null, source: t.source,
    };
  });
}

export async function listEnvironmentsApi(db: Db, actor: Actor): Promise<{ items: EnvironmentDto[] }> {
  const items = await listEnvironmentSettings(db, actor);
  return { items: items.map(({ key, name, accountId, region, roleArn, serviceRoleArn, requiresApproval }) => ({ key, name, accountId, region, roleArn, serviceRoleArn, requiresApproval })) };
}
