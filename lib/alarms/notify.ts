import type { Db } from "../db/client.ts";

/** The PostgreSQL channel on which the alarm refresh announces "alarms of this environment changed" (payload: its key). */
export const ALARM_CHANNEL = "stackdeck_alarms";

// Viewers re-read the alarms table on a notification, so a tiny payload and a missed message lose nothing.
export async function notifyAlarmsChanged(db: Db, environmentKey: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${ALARM_CHANNEL}, ${environmentKey})`;
}
