import type { Db } from "../db/client.ts";

// The two environments every installation has. Production requires approval for changes (four eyes).
export const DEFAULT_ENVIRONMENTS = [
  { key: "staging", name: "Staging", requiresApproval: false, sortOrder: 1 },
  { key: "production", name: "Production", requiresApproval: true, sortOrder: 2 },
] as const;

/** Idempotent: creates missing environments and leaves existing ones (an admin may have changed them) alone. */
export async function ensureDefaultEnvironments(db: Db): Promise<void> {
  for (const env of DEFAULT_ENVIRONMENTS) {
    await db.environment.upsert({ where: { key: env.key }, create: env, update: {} });
  }
}
