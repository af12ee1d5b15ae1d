import type { Db } from "../db/client.ts";

/** The PostgreSQL channel on which the tracker announces "this deployment changed"; the payload is its id only. */
export const DEPLOYMENT_CHANNEL = "stackdeck_deployment";

// The payload stays tiny (NOTIFY caps it at 8000 bytes and every listener receives every message): viewers re-read
// what they need from the database, by id, so a missed or merged notification never loses data.
export async function notifyDeploymentChanged(db: Db, deploymentId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${DEPLOYMENT_CHANNEL}, ${deploymentId})`;
}
