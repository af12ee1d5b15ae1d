import type { EnvironmentResolver } from "../auth/authorize-first.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The environment of the teardown schedule a field names (for authorizing before anything is validated). */
export function environmentOfSchedule(name = "id"): EnvironmentResolver {
  return async (db, fields) => {
    const id = fields[name];
    if (typeof id !== "string" || !UUID.test(id)) return null;
    const row = await db.teardownSchedule.findUnique({ where: { id }, select: { environment: { select: { key: true, requiresApproval: true } } } });
    return row?.environment ?? null;
  };
}
