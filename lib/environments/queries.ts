import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";

export interface EnvironmentSummary {
  id: string;
  key: string;
  name: string;
  requiresApproval: boolean;
}

const select = { id: true, key: true, name: true, requiresApproval: true } as const;

export function listEnvironments(db: Db): Promise<EnvironmentSummary[]> {
  return db.environment.findMany({ select, orderBy: [{ sortOrder: "asc" }, { key: "asc" }] });
}

export async function getEnvironmentByKey(db: Db, key: string): Promise<EnvironmentSummary> {
  const env = await db.environment.findUnique({ where: { key }, select });
  if (!env) throw notFound(`Environment "${key}"`);
  return env;
}
