import "server-only";
import { databaseUrl } from "../../db/client.ts";
import { enqueueIfIdle, startBoss, type BossHandle } from "./boss.ts";
import { DEFAULT_TIMING } from "./timing.ts";

const globalForPublisher = globalThis as unknown as { stackdeckTrackingPublisher?: Promise<BossHandle> };

/**
 * Asks the background tracker to follow a deployment (call it after a preview is requested or a change set is
 * executed). It goes through a publisher-only pg-boss instance, started lazily once per process: it inserts jobs
 * and never works or runs maintenance. Idempotent. If it fails, the tracker's periodic sweep still finds the
 * deployment (within its sweep interval), so callers may log and carry on.
 */
export async function enqueueTracking(deploymentId: string): Promise<boolean> {
  globalForPublisher.stackdeckTrackingPublisher ??= startBoss(databaseUrl(), DEFAULT_TIMING, "publisher");
  let publisher: BossHandle;
  try {
    publisher = await globalForPublisher.stackdeckTrackingPublisher;
  } catch (error) {
    globalForPublisher.stackdeckTrackingPublisher = undefined; // try again next time
    throw error;
  }
  return enqueueIfIdle(publisher.boss, DEFAULT_TIMING, deploymentId);
}

/** Closes the publisher (tests, and a server shutting down cleanly). */
export async function stopTrackingPublisher(): Promise<void> {
  const publisher = globalForPublisher.stackdeckTrackingPublisher;
  globalForPublisher.stackdeckTrackingPublisher = undefined;
  await (await publisher?.catch(() => undefined))?.close();
}
