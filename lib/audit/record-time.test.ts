import { afterEach, describe, expect, it, vi } from "vitest";
import { testDb } from "../testing/fixtures.ts";
import { recordAudit } from "./record.ts";

afterEach(() => vi.useRealTimers());

// The search turns a time range into a sequence range (lib/audit/search.ts), which needs time order = chain order.
describe("recordAudit time", () => {
  it("never goes backwards along the chain, even when this server's clock is behind", async () => {
    const db = await testDb();
    const first = await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "test.clock.ahead" }));
    const firstAt = (await db.auditEvent.findUniqueOrThrow({ where: { seq: first.seq } })).occurredAt;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(firstAt.getTime() - 3_600_000));
    const second = await db.$transaction((tx) => recordAudit(tx, { actor: "system", action: "test.clock.behind" }));
    vi.useRealTimers();
    const secondAt = (await db.auditEvent.findUniqueOrThrow({ where: { seq: second.seq } })).occurredAt;
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(secondAt.getTime()).toBeGreaterThanOrEqual(firstAt.getTime());
  });
});
