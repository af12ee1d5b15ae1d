import type { Db } from "../db/client.ts";
import { fetchNewEvents, refreshProgress, storeEvents } from "./tracker/events.ts";

// CreateChangeSet of type CREATE makes the stack exist in REVIEW_IN_PROGRESS and CloudFormation writes a stack
// event for it. It belongs to this deployment's history (the first line of a new stack's story), so it is stored
// once the preview is computed, like every other event: once, by its EventId.

const CLOCK_SKEW_MS = 2_000;

export async function storePreviewEvents(db: Db, deploymentId: string): Promise<number> {
  const d = await db.deployment.findUniqueOrThrow({
    where: { id: deploymentId },
    select: { createdAt: true, stackId: true, stack: { select: { name: true, region: true, awsStackId: true } } },
  });
  const since = new Date(d.createdAt.getTime() - CLOCK_SKEW_MS);
  const { events } = await fetchNewEvents(db, { region: d.stack.region, stackRef: d.stack.awsStackId ?? d.stack.name, since });
  const stored = await storeEvents(db, d.stackId, deploymentId, events);
  await refreshProgress(db, deploymentId, []);
  return stored;
}
