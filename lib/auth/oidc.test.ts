import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeActor, testDb, uniqueEmail } from "../testing/fixtures.ts";
import { setUserDisabled } from "../users/commands.ts";
import { loadActor } from "./actors.ts";
import { provisionOidcUser } from "./oidc.ts";

describe("provisionOidcUser", () => {
  it("creates a first-time SSO user with the viewer role for every environment, audited", async () => {
    const db = await testDb();
    const email = uniqueEmail("sso");
    const subject = randomUUID();
    const id = await provisionOidcUser(db, { subject, email: email.toUpperCase(), name: "Sso User" });
    const actor = await loadActor(db, id!);
    expect(actor).toMatchObject({ email, name: "Sso User", grants: [{ role: "viewer", environment: "*" }] });
    expect(await provisionOidcUser(db, { subject, email, name: "Renamed" })).toBe(id); // same subject, same user
    const actions = await db.auditEvent.findMany({ where: { targetId: email }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["user.created", "role.granted"]);
  });

  it("links an existing password account by email and refuses disabled users", async () => {
    const db = await testDb();
    const existing = await makeActor("deployer");
    expect(await provisionOidcUser(db, { subject: randomUUID(), email: existing.email, name: "" })).toBe(existing.userId);
    expect((await loadActor(db, existing.userId))!.grants).toEqual([{ role: "deployer", environment: "*" }]);
    await setUserDisabled(db, { actor: "system", input: { email: existing.email, disabled: true } });
    expect(await provisionOidcUser(db, { subject: randomUUID(), email: existing.email, name: "" })).toBeNull();
  });
});
