import type { Db } from "../db/client.ts";

// The only writer of teardown_runs.status and teardown_items.state: conditional updates that refuse a row which
// already moved on, so two workers (or a retried job) make each move once.

export type RunStatus = "warned" | "tearing_down" | "down" | "recreating" | "recreated";
export type ItemState = "pending" | "deleting" | "deleted" | "skipped" | "recreating" | "recreated" | "failed";

const RUN_MOVES: Record<RunStatus, RunStatus[]> = {
  warned: ["tearing_down"],
  tearing_down: ["down"],
  down: ["recreating"],
  recreating: ["recreated"],
  recreated: [],
};

const ITEM_MOVES: Record<ItemState, ItemState[]> = {
  pending: ["deleting", "skipped", "failed"],
  deleting: ["deleted", "failed"],
  deleted: ["recreating", "failed"],
  recreating: ["recreated", "failed"],
  recreated: [],
  skipped: [],
  failed: [],
};

export async function moveRun(db: Db, id: string, from: RunStatus, to: RunStatus, data: { startedAt?: Date; downAt?: Date; recreatedAt?: Date } = {}): Promise<boolean> {
  if (!RUN_MOVES[from].includes(to)) throw new Error(`teardown run: no transition ${from} -> ${to}`);
  const { count } = await db.teardownRun.updateMany({ where: { id, status: from }, data: { ...data, status: to } });
  return count === 1;
}

export async function moveItem(db: Db, id: string, from: ItemState, to: ItemState, data: { reason?: string | null; deletedAt?: Date; recreatedAt?: Date } = {}): Promise<boolean> {
  if (!ITEM_MOVES[from].includes(to)) throw new Error(`teardown item: no transition ${from} -> ${to}`);
  const { count } = await db.teardownItem.updateMany({ where: { id, state: from }, data: { ...data, state: to } });
  return count === 1;
}

export const FINAL_DELETE_STATES: ItemState[] = ["deleted", "skipped", "failed"];
