import pg from "pg";
import { GENESIS_HASH, entryMac, type ChainedFields } from "../../lib/audit/canonical.ts";
import { auditKeys } from "../../lib/audit/key.ts";

// A year of plausible history: 40 people, 300 stacks in three environments, deployments most of it.
export const ACTORS = Array.from({ length: 40 }, (_, i) => `user${String(i).padStart(2, "0")}@bench.example`);
export const STACKS = Array.from({ length: 300 }, (_, i) => `stack-${String(i).padStart(3, "0")}`);
const ENVIRONMENTS = ["production", "staging", "development"];
const DEPLOYMENT_ACTIONS = ["deployment.previewed", "deployment.preview_ready", "deployment.executed", "deployment.succeeded"];
const OTHER_ACTIONS = ["sign_in.succeeded", "token.created", "role.granted", "approval.requested", "approval.approved", "deployment.break_glass"];
const COLUMNS = 15;
const BATCH = 10_000;

/** Deterministic pseudo-random numbers, so every run measures the same data. */
export function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function entry(seq: number, at: Date, rnd: () => number): ChainedFields {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const deployment = rnd() < 0.8;
  const action = deployment ? pick(DEPLOYMENT_ACTIONS) : pick(OTHER_ACTIONS);
  const stack = pick(STACKS);
  const approval = action.startsWith("approval.") || action === "deployment.break_glass";
  return {
    seq: BigInt(seq),
    occurredAt: at,
    actorType: "user",
    actorUserId: null,
    actorTokenId: null,
    actorLabel: pick(ACTORS),
    action,
    targetType: deployment ? "stack" : approval ? "deployment" : "user",
    targetId: deployment ? stack : `t${seq}`,
    environment: deployment || approval ? pick(ENVIRONMENTS) : null,
    sourceIp: `10.0.${seq % 256}.${(seq >> 8) % 256}`,
    userAgent: "Mozilla/5.0 (bench)",
    details: approval ? { stack, deploymentId: `d${seq}`, reason: "bench" } : { deploymentId: `d${seq}`, changes: seq % 7 },
  };
}

/** Inserts `count` chained entries spread evenly over the `days` before now; returns the time it took. */
export async function seedAuditEvents(url: string, count: number, days: number): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rnd = mulberry32(42);
  const start = Date.now() - days * 86_400_000;
  const step = (days * 86_400_000) / count;
  let prevHash = GENESIS_HASH;
  const { chain } = auditKeys(); // AUDIT_HMAC_KEY, as the app would key them
  try {
    for (let from = 1; from <= count; from += BATCH) {
      const cols: unknown[][] = Array.from({ length: COLUMNS }, () => []);
      for (let seq = from; seq < Math.min(from + BATCH, count + 1); seq++) {
        const f = entry(seq, new Date(Math.floor(start + seq * step)), rnd);
        const hash = entryMac(chain, prevHash, f);
        const values = [f.seq.toString(), f.occurredAt.toISOString(), f.actorType, f.actorUserId, f.actorTokenId, f.actorLabel, f.action,
          f.targetType, f.targetId, f.environment, f.sourceIp, f.userAgent, JSON.stringify(f.details), prevHash, hash];
        values.forEach((v, i) => cols[i]!.push(v));
        prevHash = hash;
      }
      await client.query(
        `INSERT INTO audit_events (seq, occurred_at, actor_type, actor_user_id, actor_token_id, actor_label, action, target_type,
           target_id, environment, source_ip, user_agent, details, prev_hash, hash)
         SELECT s, o, at, au, atk, al, a, tt, ti, e, ip, ua, d::jsonb, ph, h
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
           AS t(s, o, at, au, atk, al, a, tt, ti, e, ip, ua, d, ph, h)`,
        cols,
      );
    }
    await client.query("VACUUM ANALYZE audit_events");
  } finally {
    await client.end();
  }
  return performance.now() - started;
}
