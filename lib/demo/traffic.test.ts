import { describe, expect, it } from "vitest";
import { errorsAt } from "./traffic.ts";

// The demo's 5xx counts tell the alarm's story: quiet for hours (never over its 10-in-5-minutes threshold), then
// a burst where every 5-minute window is far over it, so CloudWatch's own evaluation gives ALARM and keeps it.

const sum5 = (from: number, burstStart: number) => [0, 1, 2, 3, 4].reduce((s, i) => s + errorsAt(from + i, burstStart), 0);

describe("errorsAt", () => {
  const burstStart = 29_000_000;
  it("stays under the threshold in every 5-minute window before the burst", () => {
    for (let m = burstStart - 180; m <= burstStart - 5; m++) expect(sum5(m, burstStart)).toBeLessThanOrEqual(10);
  });
  it("is far over it in every window of the burst, minute after minute", () => {
    for (let m = burstStart; m < burstStart + 600; m++) {
      expect(errorsAt(m, burstStart)).toBeGreaterThanOrEqual(25);
      expect(sum5(m, burstStart)).toBeGreaterThan(100);
    }
  });
});
