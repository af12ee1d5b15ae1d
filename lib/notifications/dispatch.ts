import type { Db } from "../db/client.ts";
import { decryptSecret } from "./secrets.ts";
import { sendOnce, type AttemptOutcome } from "./send.ts";
import type { NotificationPayload } from "./message.ts";

// The only writer of a delivery's status after the outbox row is written: claim due rows (a lease, so two
// workers never send the same attempt and a crashed worker's claim runs out), send each once, log the attempt,
// then deliver, schedule the next try (exponential backoff) or give up. At least once: a crash after the POST and
// before the update sends again, with the same X-Stackdeck-Delivery id.

export interface DispatchOptions {
  /** Per attempt (default NOTIFY_TIMEOUT_MS, else 10 s). */
  timeoutMs: number;
  /** Attempts before a delivery ends failed (default NOTIFY_MAX_ATTEMPTS, else 6). */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles it, up to an hour (default NOTIFY_RETRY_BASE_MS, else 10 s). */
  retryBaseMs: number;
  batchSize: number;
}

export function dispatchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DispatchOptions {
  const num = (name: string, fallback: number) => (Number(env[name]) > 0 ? Number(env[name]) : fallback);
  return { timeoutMs: num("NOTIFY_TIMEOUT_MS", 10_000), maxAttempts: num("NOTIFY_MAX_ATTEMPTS", 6), retryBaseMs: num("NOTIFY_RETRY_BASE_MS", 10_000), batchSize: 20 };
}

const MAX_DELAY_MS = 3_600_000;

export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
}

interface Claimed {
  id: string;
  attempts: number;
  payload: NotificationPayload;
  kind: string;
  url: string;
  secret_encrypted: string | null;
  deleted: boolean;
}

export interface DispatchResult {
  attempted: number;
  delivered: number;
  failed: number;
  retrying: number;
}

/** One round: every delivery due at `now` (up to batchSize), sent concurrently. */
export async function dispatchDue(db: Db, options: DispatchOptions, now = new Date()): Promise<DispatchResult> {
  const leaseMs = options.timeoutMs + 30_000;
  const claimed = await db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT id FROM notification_deliveries
      WHERE status = 'pending' AND next_attempt_at <= ${now} AND (leased_until IS NULL OR leased_until < ${now})
      ORDER BY next_attempt_at LIMIT ${options.batchSize} FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE notification_deliveries d SET attempts = d.attempts + 1, leased_until = ${new Date(now.getTime() + leaseMs)}
      FROM due WHERE d.id = due.id RETURNING d.id, d.attempts, d.payload, d.destination_id
    )
    SELECT c.id::text AS id, c.attempts, c.payload, n.kind, n.url, n.secret_encrypted, n.deleted_at IS NOT NULL AS deleted
    FROM claimed c JOIN notification_destinations n ON n.id = c.destination_id`;
  const result: DispatchResult = { attempted: 0, delivered: 0, failed: 0, retrying: 0 };
  await Promise.all(
    claimed.map(async (row) => {
      const outcome = row.deleted ? deletedOutcome() : await attempt(row, options);
      const next = await settle(db, row, outcome, options, now);
      result.attempted++;
      result[next]++;
    }),
  );
  return result;
}

function deletedOutcome(): AttemptOutcome {
  return { ok: false, statusCode: null, error: "The destination was deleted; not sent.", durationMs: 0, retryable: false };
}

async function attempt(row: Claimed, options: DispatchOptions): Promise<AttemptOutcome> {
  let secret: string | null = null;
  try {
    secret = row.secret_encrypted ? decryptSecret(row.secret_encrypted) : null;
  } catch {
    return { ok: false, statusCode: null, error: "The destination's secret cannot be read with this server's key; not sent.", durationMs: 0, retryable: false };
  }
  return sendOnce({ kind: row.kind, url: row.url, secret }, row.payload, row.attempts, options.timeoutMs);
}

async function settle(db: Db, row: Claimed, outcome: AttemptOutcome, options: DispatchOptions, now: Date): Promise<"delivered" | "failed" | "retrying"> {
  const next = outcome.ok ? "delivered" : outcome.retryable && row.attempts < options.maxAttempts ? "retrying" : "failed";
  const finished = new Date();
  await db.$transaction([
    db.notificationAttempt.create({
      data: { deliveryId: row.id, attempt: row.attempts, startedAt: now, durationMs: outcome.durationMs, statusCode: outcome.statusCode, error: outcome.error, ok: outcome.ok },
      select: { id: true },
    }),
    // Only the claim of this attempt may settle it (a worker whose lease ran out and was re-claimed changes nothing).
    db.notificationDelivery.updateMany({
      where: { id: row.id, status: "pending", attempts: row.attempts },
      data: {
        status: next === "retrying" ? "pending" : next,
        leasedUntil: null,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        ...(next === "retrying" ? { nextAttemptAt: new Date(finished.getTime() + retryDelayMs(row.attempts, options.retryBaseMs)) } : { finishedAt: finished }),
      },
    }),
  ]);
  return next;
}
