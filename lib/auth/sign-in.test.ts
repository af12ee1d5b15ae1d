import { describe, expect, it } from "vitest";
import { testDb, makeActor, TEST_PASSWORD, uniqueEmail } from "../testing/fixtures.ts";
import { setUserDisabled } from "../users/commands.ts";
import { AppError } from "../errors.ts";
import { MAX_FAILURES, signInWithPassword, TOO_MANY_ATTEMPTS } from "./sign-in.ts";

const meta = (ip: string) => ({ ip, userAgent: "vitest" });
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("signInWithPassword", () => {
  it("accepts the right password and audits the sign-in; the hash is never the password", async () => {
    const db = await testDb();
    const user = await makeActor("viewer");
    const signedIn = await signInWithPassword(db, { email: user.email.toUpperCase(), password: TEST_PASSWORD }, meta(randomIp()));
    expect(signedIn).toEqual({ id: user.userId, email: user.email, name: user.name });
    const row = await db.user.findUnique({ where: { id: user.userId }, select: { passwordHash: true } });
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(row!.passwordHash).not.toContain(TEST_PASSWORD);
    const audit = await db.auditEvent.findFirst({ where: { action: "auth.sign_in", actorUserId: user.userId } });
    expect(audit).not.toBeNull();
  });

  it("gives the same answer (null) for a wrong password, an unknown account and a disabled one", async () => {
    const db = await testDb();
    const user = await makeActor("viewer");
    const disabled = await makeActor("viewer");
    await setUserDisabled(db, { actor: "system", input: { email: disabled.email, disabled: true } });
    const ip = randomIp();
    expect(await signInWithPassword(db, { email: user.email, password: "wrong password!" }, meta(ip))).toBeNull();
    expect(await signInWithPassword(db, { email: uniqueEmail("nobody"), password: TEST_PASSWORD }, meta(ip))).toBeNull();
    expect(await signInWithPassword(db, { email: disabled.email, password: TEST_PASSWORD }, meta(ip))).toBeNull();
    const failures = await db.auditEvent.count({ where: { action: "auth.sign_in_failed", sourceIp: ip } });
    expect(failures).toBe(3);
    const details = await db.auditEvent.findMany({ where: { sourceIp: ip }, select: { details: true } });
    expect(JSON.stringify(details)).not.toContain(TEST_PASSWORD);
  });

  it("locks an account after too many failures, even for the right password, from any IP", async () => {
    const db = await testDb();
    const user = await makeActor("viewer");
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await signInWithPassword(db, { email: user.email, password: `wrong-${i}` }, meta(randomIp()))).toBeNull();
    }
    const attempt = signInWithPassword(db, { email: user.email, password: TEST_PASSWORD }, meta(randomIp()));
    await expect(attempt).rejects.toThrow(TOO_MANY_ATTEMPTS);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
  });

  it("limits one IP that tries many accounts, and says the same for unknown accounts", async () => {
    const db = await testDb();
    const ip = randomIp();
    for (let i = 0; i < MAX_FAILURES; i++) {
      await signInWithPassword(db, { email: uniqueEmail("spray"), password: "guess" }, meta(ip));
    }
    const user = await makeActor("viewer");
    await expect(signInWithPassword(db, { email: user.email, password: TEST_PASSWORD }, meta(ip))).rejects.toThrow(TOO_MANY_ATTEMPTS);
    await expect(signInWithPassword(db, { email: uniqueEmail("ghost"), password: "x" }, meta(ip))).rejects.toThrow(TOO_MANY_ATTEMPTS);
    expect(await signInWithPassword(db, { email: user.email, password: TEST_PASSWORD }, meta(randomIp()))).not.toBeNull();
  });

  it("forgets failures older than the window", async () => {
    const db = await testDb();
    const user = await makeActor("viewer");
    const ip = randomIp();
    const old = new Date(Date.now() - 16 * 60_000);
    await db.signInAttempt.createMany({ data: Array.from({ length: MAX_FAILURES }, () => ({ email: user.email, ip, succeeded: false, createdAt: old })) });
    expect(await signInWithPassword(db, { email: user.email, password: TEST_PASSWORD }, meta(ip))).not.toBeNull();
  });

  it("rejects malformed input without touching the database", async () => {
    const db = await testDb();
    expect(await signInWithPassword(db, { email: "a@b.c", password: "x".repeat(500) }, meta(randomIp()))).toBeNull();
    expect(await signInWithPassword(db, null, meta(randomIp()))).toBeNull();
  });
});
