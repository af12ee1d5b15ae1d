import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, type Db } from "../db/client.ts";
import { createScratchDatabaseWithRoles } from "../testing/scratch-roles.ts";
import { GENESIS_HASH, legacyEntryHash, type ChainedFields } from "./canonical.ts";
import { anchorLegacyChain } from "./anchor.ts";
import { recordAudit } from "./record.ts";
import { auditKeys } from "./key.ts";
import { verifyAuditLog } from "./verify.ts";
import { writeCheckpoint } from "./checkpoint-writer.ts";

// A log written before the chain was keyed: three plain SHA-256 entries, as the first version wrote them.
let scratch: Awaited<ReturnType<typeof createScratchDatabaseWithRoles>>;
let db: Db;
let dir: string;
let file: string;

function legacyEntry(seq: number, action: string): ChainedFields {
  return {
    seq: BigInt(seq), occurredAt: new Date(Date.UTC(2026, 10, 28, 10, seq)), actorType: "system", actorUserId: null, actorTokenId: null,
    actorLabel: "system", action, targetType: null, targetId: null, environment: null, sourceIp: null, userAgent: null, details: {},
  };
}

/** Writes entries `from`.. as the unkeyed chain, continuing from `prevHash` (a DBA's rewrite, or the old app). */
async function writeLegacy(actions: string[], from = 1, prevHash = GENESIS_HASH): Promise<void> {
  const client = new pg.Client({ connectionString: scratch.ownerUrl });
  await client.connect();
  try {
    await client.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
    for (const [i, action] of actions.entries()) {
      const f = legacyEntry(from + i, action);
      const hash = legacyEntryHash(prevHash, f);
      await client.query("DELETE FROM audit_events WHERE seq = $1", [f.seq.toString()]);
      await client.query(
        `INSERT INTO audit_events (seq, occurred_at, actor_type, actor_label, action, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, '{}', $6, $7)`,
        [f.seq.toString(), f.occurredAt, f.actorType, f.actorLabel, f.action, prevHash, hash],
      );
      prevHash = hash;
    }
    await client.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  scratch = await createScratchDatabaseWithRoles(process.env.STACKDECK_TEST_SERVER_URL!, "stackdeck_anchor");
  db = createDb(scratch.appUrl);
  dir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-anchor-"));
  file = path.join(dir, "checkpoints.jsonl");
  await writeLegacy(["user.created", "role.granted", "deployment.requested"]);
});

afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the cut-over from the unkeyed chain", () => {
  it("anchors the old entries with one keyed entry, once; the old ones keep verifying", async () => {
    expect(await anchorLegacyChain(db, { checkpointFile: file })).toBe("anchored");
    expect(await anchorLegacyChain(db, { checkpointFile: file })).toBe("keyed");
    const anchor = await db.auditEvent.findUnique({ where: { seq: 4n } });
    expect(anchor).toMatchObject({ action: "audit.chain_keyed", details: { legacyEntries: "3", keyId: auditKeys().id } });
    await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "after.cut_over" }));
    expect(await verifyAuditLog(db, { checkpointFile: file })).toMatchObject({ ok: true, count: 5, keyedFrom: 4n });
  });

  it("catches a rewrite of the old entries: the keyed anchor no longer links to them", async () => {
    await writeLegacy(["role.granted to mallory", "deployment.requested"], 2, (await db.auditEvent.findUnique({ where: { seq: 1n } }))!.hash);
    expect((await verifyAuditLog(db, { checkpointFile: file })).findings).toEqual([{ kind: "rechained", seq: 4n }]);
    await writeLegacy(["role.granted", "deployment.requested"], 2, (await db.auditEvent.findUnique({ where: { seq: 1n } }))!.hash);
    expect(await verifyAuditLog(db, { checkpointFile: file })).toMatchObject({ ok: true });
  });

  it("after a checkpoint, refuses to anchor a log that a DBA re-hashed whole without the key", async () => {
    expect((await writeCheckpoint(db, auditKeys(), file)).written).toMatchObject({ count: 5n, keyedFrom: 4n });
    await writeLegacy(["user.created", "role.granted", "deployment.requested", "audit.chain_keyed", "after.cut_over"]);
    expect(await anchorLegacyChain(db, { checkpointFile: file })).toBe("refused");
    const kinds = (await verifyAuditLog(db, { checkpointFile: file })).findings.map((f) => f.kind);
    expect(kinds).toEqual(["unkeyed", "unkeyed", "checkpoint_mismatch"]);
  });
});
