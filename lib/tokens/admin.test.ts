import { describe, expect, it } from "vitest";
import { makeActor, testDb } from "../testing/fixtures.ts";
import { createApiToken, revokeApiToken } from "./commands.ts";
import { authenticateToken, listAllTokens } from "./queries.ts";

describe("API tokens on the Admin page", () => {
  it("lists every user's tokens with owner and status, never the secret or its hash", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const owner = await makeActor("deployer", "staging");
    const live = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "ci" } });
    const revoked = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "old" } });
    const expiring = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "short", expiresInDays: 1 } });
    await revokeApiToken(db, { actor: owner, tokenId: revoked.id });
    const later = new Date(Date.now() + 2 * 86_400_000);
    const rows = (await listAllTokens(db, admin, later)).filter((t) => t.owner.id === owner.userId);
    expect(rows.map((t) => [t.name, t.status])).toEqual(expect.arrayContaining([["ci", "active"], ["old", "revoked"], ["short", "expired"]]));
    expect(rows[0]).toMatchObject({ owner: { email: owner.email, disabled: false }, prefix: expect.any(String), createdAt: expect.any(String) });
    const json = JSON.stringify(rows);
    for (const token of [live, revoked, expiring]) expect(json).not.toContain(token.token);
    expect(json).not.toContain("tokenHash");
  });

  it("lets an admin revoke anyone's token, audited with the admin as actor", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const owner = await makeActor("viewer");
    const token = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "laptop" } });
    await revokeApiToken(db, { actor: admin, tokenId: token.id, meta: { ip: "192.0.2.1" } });
    expect(await authenticateToken(db, token.token)).toBeNull();
    const entry = await db.auditEvent.findFirst({ where: { action: "token.revoked", targetId: token.id } });
    expect(entry).toMatchObject({ actorUserId: admin.userId, sourceIp: "192.0.2.1", details: { owner: owner.email, tokenName: "laptop" } });
  });

  it("refuses the listing and other people's tokens to everyone but admins of all environments", async () => {
    const db = await testDb();
    const owner = await makeActor("viewer");
    const token = await createApiToken(db, { actor: owner, ownerId: owner.userId, input: { name: "mine" } });
    for (const actor of [await makeActor("viewer"), await makeActor("deployer"), await makeActor("approver"), await makeActor("admin", "production", "env-admin")]) {
      await expect(listAllTokens(db, actor)).rejects.toMatchObject({ code: "forbidden" });
      await expect(revokeApiToken(db, { actor, tokenId: token.id })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await authenticateToken(db, token.token)).not.toBeNull();
  });
});
