import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { setUserDisabled } from "../users/commands.ts";
import { createApiToken, revokeApiToken } from "./commands.ts";
import { authenticateToken } from "./queries.ts";
import { hashToken } from "./secret.ts";

describe("API tokens", () => {
  it("authenticate as their owner with the owner's current grants; only the hash is stored", async () => {
    const db = await testDb();
    const owner = await makeActor("deployer", "staging");
    const created = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "ci" } });
    const row = await db.apiToken.findUnique({ where: { id: created.id } });
    expect(row!.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const actor = await authenticateToken(db, created.token);
    expect(actor).toMatchObject({ userId: owner.userId, tokenId: created.id, grants: [{ role: "deployer", environment: "staging" }] });
    const audit = await db.auditEvent.findFirst({ where: { action: "token.created", targetId: created.id } });
    expect(JSON.stringify(audit!.details)).not.toContain(created.token);
  });

  it("stop working when revoked, expired, or when the owner is disabled", async () => {
    const db = await testDb();
    const owner = await makeActor("viewer");
    const revoked = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "r" } });
    await revokeApiToken(db, { actor: owner, tokenId: revoked.id });
    expect(await authenticateToken(db, revoked.token)).toBeNull();

    const expiring = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "e", expiresInDays: 1 } });
    expect(await authenticateToken(db, expiring.token)).not.toBeNull();
    expect(await authenticateToken(db, expiring.token, new Date(Date.now() + 2 * 86_400_000))).toBeNull();

    const live = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "l" } });
    await setUserDisabled(db, { actor: "system", input: { email: owner.email, disabled: true } });
    expect(await authenticateToken(db, live.token)).toBeNull();
    expect(await authenticateToken(db, "sdk_not-a-real-token-at-all")).toBeNull();
    expect(await authenticateToken(db, "garbage")).toBeNull();
  });

  it("can only be managed by their owner or an admin", async () => {
    const db = await testDb();
    const owner = await makeActor("viewer");
    const stranger = await makeActor("deployer");
    const admin = await makeActor("admin");
    const token = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "mine" } });
    await expect(revokeApiToken(db, { actor: stranger, tokenId: token.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApiToken(db, { actor: stranger, ownerId: owner.userId, input: { name: "x" } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await authenticateToken(db, token.token)).not.toBeNull();
    await revokeApiToken(db, { actor: admin, tokenId: token.id });
    expect(await authenticateToken(db, token.token)).toBeNull();
  });
});
