import "server-only";
import type PgBoss from "pg-boss";
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
  return enqueueIfIdle(await jobPublisher(), DEFAULT_TIMING, deploymentId);
}

/** This process's publisher-only pg-boss, for any job the web app sends (tracking, audit verification). */
export async function jobPublisher(): Promise<PgBoss> {
  globalForPublisher.stackdeckTrackingPublisher ??= startBoss(databaseUrl(), DEFAULT_TIMING, "publisher");
  try {
    return (await globalForPublisher.stackdeckTrackingPublisher).boss;
  } catch (error) {
    globalForPublisher.stackdeckTrackingPublisher = undefined; // try again next time
    throw error;
  }
}

/** Closes the publisher (tests, and a server shutting down cleanly). */
export async function stopTrackingPublisher(): Promise<void> {
  const publisher = globalForPublisher.stackdeckTrackingPublisher;
  globalForPublisher.stackdeckTrackingPublisher = undefined;
  await (await publisher?.catch(() => undefined))?.close();
}
