import { describe, expect, it } from "vitest";
import { planDelay, type CadenceFacts } from "./cadence.ts";

const timing = { pollIntervalMs: 1_000, fastPollMs: 250, idlePollMs: 5_000 };
const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);
const facts = (over: Partial<CadenceFacts>): CadenceFacts => ({ startedAt: T0, lastEventAt: T0 + 500, inProgress: [], durations: {}, ...over });
const SSM = "AWS::SSM::Parameter";

describe("tracker cadence", () => {
  it("polls quickly right after the change starts, before any event", () => {
    expect(planDelay(facts({ lastEventAt: null }), timing, T0 + 1_000)).toBe(250);
  });

  it("sleeps until just after the next expected event, from durations seen in this operation", () => {
    const f = facts({ inProgress: [{ type: SSM, since: T0 + 10_000 }], durations: { [SSM]: 3_000 } });
    expect(planDelay(f, timing, T0 + 10_500)).toBe(2_600); // 13 000 + 100 - 10 500
    expect(planDelay(f, timing, T0 + 12_950)).toBe(250); // never sooner than the quickest poll
  });

  it("polls quickly while an expected event is overdue, then falls back to the plain interval", () => {
    const f = facts({ inProgress: [{ type: SSM, since: T0 }], durations: { [SSM]: 3_000 } });
    expect(planDelay(f, timing, T0 + 3_500)).toBe(250);
    expect(planDelay(f, timing, T0 + 6_000)).toBe(1_000);
  });

  it("keeps the plain interval while a resource of a type not seen yet is in progress", () => {
    const f = facts({ inProgress: [{ type: "AWS::RDS::DBInstance", since: T0 }, { type: SSM, since: T0 }], durations: { [SSM]: 3_000 } });
    expect(planDelay(f, timing, T0 + 500)).toBe(1_000);
    expect(planDelay(facts({ inProgress: [{ type: "AWS::RDS::DBInstance", since: T0 }] }), timing, T0 + 60_000)).toBe(1_000);
  });

  it("slows down when nothing moves, up to the idle poll", () => {
    expect(planDelay(facts({ lastEventAt: T0 }), timing, T0 + 10_000)).toBe(1_000);
    expect(planDelay(facts({ lastEventAt: T0 }), timing, T0 + 65_000)).toBe(4_000);
    expect(planDelay(facts({ lastEventAt: T0 }), timing, T0 + 600_000)).toBe(5_000);
  });

  it("never polls faster than the configured interval allows (tests shrink it)", () => {
    expect(planDelay(facts({ lastEventAt: null }), { ...timing, pollIntervalMs: 100 }, T0)).toBe(100);
  });
});
