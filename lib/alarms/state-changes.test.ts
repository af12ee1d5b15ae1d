import { describe, expect, it } from "vitest";
import { auditActionOfChange } from "./state-changes.ts";

describe("which alarm state changes are audited (and so can be notified)", () => {
  it("going into ALARM, and from ALARM back to OK; not a first sighting, nor INSUFFICIENT_DATA <-> OK", () => {
    expect(auditActionOfChange("OK", "ALARM")).toBe("alarm.alarm");
    expect(auditActionOfChange("INSUFFICIENT_DATA", "ALARM")).toBe("alarm.alarm");
    expect(auditActionOfChange("ALARM", "OK")).toBe("alarm.ok");
    expect(auditActionOfChange(null, "ALARM")).toBeNull();
    expect(auditActionOfChange("INSUFFICIENT_DATA", "OK")).toBeNull();
    expect(auditActionOfChange("ALARM", "INSUFFICIENT_DATA")).toBeNull();
  });
});
