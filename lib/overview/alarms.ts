import type { Db } from "../db/client.ts";
import type { Actor } from "../auth/guard.ts";
import { listAlarms } from "../alarms/queries.ts";
import type { AlarmsInAlarm } from "./types.ts";

/**
 * The overview's one question to the alarms domain: which alarms of the environment are in ALARM, as the refresh
 * job last stored them. Null when that cannot be read, so the dashboard says "unknown" rather than a false 0.
 */
export async function getAlarmsInAlarm(db: Db, actor: Actor, environment: string): Promise<AlarmsInAlarm | null> {
  try {
    const page = await listAlarms(db, actor, { environment, state: "ALARM", limit: 5 });
    return { count: page.counts.ALARM, names: page.items.map((a) => a.name) };
  } catch (error) {
    console.error("alarms for the overview", error);
    return null;
  }
}
