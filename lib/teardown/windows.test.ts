import { describe, expect, it } from "vitest";
import { isOpen, relevantWindow, windowHours } from "./windows.ts";

const weeknights = { kind: "window" as const, expiresAt: null, days: [1, 2, 3, 4, 5], startMinute: 20 * 60, endMinute: 7 * 60, timeZone: "Europe/Berlin" };

describe("teardown windows", () => {
  it("weeknights 20:00-07:00 Berlin: Monday evening's window runs into Tuesday morning (CET is UTC+1)", () => {
    const monday = new Date("2026-12-07T12:00:00Z"); // a Monday
    const w = relevantWindow(weeknights, monday)!;
    expect(w).toEqual({ start: new Date("2026-12-07T19:00:00Z"), end: new Date("2026-12-08T06:00:00Z") });
    expect(isOpen(w, monday)).toBe(false);
    expect(isOpen(w, new Date("2026-12-08T03:00:00Z"))).toBe(true);
    expect(windowHours(w)).toBe(11);
  });

  it("Friday night's window ends Saturday morning; the next one starts Monday evening", () => {
    expect(relevantWindow(weeknights, new Date("2026-12-12T05:00:00Z"))).toEqual({ start: new Date("2026-12-11T19:00:00Z"), end: new Date("2026-12-12T06:00:00Z") });
    expect(relevantWindow(weeknights, new Date("2026-12-12T07:00:00Z"))!.start).toEqual(new Date("2026-12-14T19:00:00Z"));
  });

  it("follows summer time (CEST is UTC+2) and a same-day window", () => {
    const lunch = { ...weeknights, startMinute: 12 * 60, endMinute: 13 * 60 };
    expect(relevantWindow(lunch, new Date("2026-07-06T00:00:00Z"))).toEqual({ start: new Date("2026-07-06T10:00:00Z"), end: new Date("2026-07-06T11:00:00Z") });
  });

  it("a time to live is one window from its expiry, without an end", () => {
    const at = new Date("2026-12-07T18:00:00Z");
    expect(relevantWindow({ ...weeknights, kind: "ttl", expiresAt: at }, new Date())).toEqual({ start: at, end: null });
  });
});
