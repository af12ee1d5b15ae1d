import { describe, expect, it } from "vitest";
import { makeActor, testDb, TEST_PASSWORD, uniqueEmail } from "../testing/fixtures.ts";
import { loadActor } from "../auth/actors.ts";
import { createUser, grantRole, revokeRole, setUserDisabled } from "./commands.ts";
import { listUsers } from "./queries.ts";

describe("user administration", () => {
  it("is refused to non-admins, including environment-scoped admins, and changes nothing", async () => {
    const db = await testDb();
    const target = await makeActor("viewer");
    for (const actor of [await makeActor("viewer"), await makeActor("deployer"), await makeActor("approver"), await makeActor("admin", "production")]) {
      await expect(grantRole(db, { actor, input: { email: target.email, role: "admin", environment: "*" } })).rejects.toMatchObject({ code: "forbidden" });
      await expect(setUserDisabled(db, { actor, input: { email: target.email, disabled: true } })).rejects.toMatchObject({ code: "forbidden" });
      await expect(
        createUser(db, { actor, input: { email: uniqueEmail("x"), name: "X", password: TEST_PASSWORD, environment: "*" } }),
      ).rejects.toMatchObject({ code: "forbidden" });
      await expect(listUsers(db, actor)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await loadActor(db, target.userId))!.grants).toEqual([{ role: "viewer", environment: "*" }]);
  });

  it("grants and revokes per environment, takes effect on the next load, and audits both", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const user = await makeActor("viewer");
    await grantRole(db, { actor: admin, input: { email: user.email, role: "deployer", environment: "staging" } });
    await grantRole(db, { actor: admin, input: { email: user.email, role: "deployer", environment: "staging" } }); // idempotent
    expect((await loadActor(db, user.userId))!.grants).toContainEqual({ role: "deployer", environment: "staging" });
    await revokeRole(db, { actor: admin, input: { email: user.email, role: "deployer", environment: "staging" } });
    expect((await loadActor(db, user.userId))!.grants).toEqual([{ role: "viewer", environment: "*" }]);
    const entries = await db.auditEvent.findMany({ where: { targetId: user.email, actorUserId: admin.userId }, orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.action, e.environment])).toEqual([
      ["role.granted", "staging"],
      ["role.revoked", "staging"],
    ]);
  });

  it("refuses unknown environments and duplicate emails with clear errors", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const user = await makeActor("viewer");
    await expect(grantRole(db, { actor: admin, input: { email: user.email, role: "viewer", environment: "qa" } })).rejects.toMatchObject({
      code: "validation_failed",
      message: 'Unknown environment "qa".',
    });
    await expect(
      createUser(db, { actor: admin, input: { email: user.email, name: "Again", password: TEST_PASSWORD, environment: "*" } }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("a disabled user can no longer act, and the last admin can be neither disabled nor demoted", async () => {
    const db = await testDb();
    const admin = await makeActor("admin");
    const user = await makeActor("deployer");
    await setUserDisabled(db, { actor: admin, input: { email: user.email, disabled: true } });
    expect(await loadActor(db, user.userId)).toBeNull();

    const others = await db.roleGrant.findMany({ where: { role: "admin", environmentId: null, userId: { not: admin.userId } }, select: { user: { select: { email: true } } } });
    for (const other of others) {
      await db.user.update({ where: { email: other.user.email }, data: { disabledAt: new Date() } });
    }
    try {
      await expect(revokeRole(db, { actor: admin, input: { email: admin.email, role: "admin", environment: "*" } })).rejects.toMatchObject({ code: "conflict" });
      await expect(setUserDisabled(db, { actor: "system", input: { email: admin.email, disabled: true } })).rejects.toMatchObject({ code: "conflict" });
      expect((await loadActor(db, admin.userId))!.grants).toContainEqual({ role: "admin", environment: "*" });
    } finally {
      await db.user.updateMany({ where: { email: { in: others.map((o) => o.user.email) } }, data: { disabledAt: null } });
    }
  });
});
