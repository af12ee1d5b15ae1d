// The values simulated services publish (emissions.ts decides when they publish): plausible and deterministic. A
// minute's value depends only on the metric's identity (namespace, name, dimensions) and the minute, so every call,
// restart and machine draws the same graph.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

/** FNV-1a: a stable 32-bit hash of the metric's identity. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A uniform number in [0, 1) for one minute of one metric (a mulberry32 step seeded by both). */
function noise(seed: number, minute: number): number {
  let value = (seed ^ Math.imul(minute, 0x9e3779b1)) >>> 0;
  value = Math.imul(value ^ (value >>> 15), value | 1);
  value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
  return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
}

interface Inputs {
  /** Per-metric constant in [0, 1): its baseline and phase. */
  unit: number;
  /** Daily wave in [-1, 1]. */
  daily: number;
  /** Per-minute noise in [0, 1). */
  random: number;
  timeMs: number;
}

type Profile = (inputs: Inputs) => number;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

const PROFILES: [RegExp, Profile][] = [
  // Disk fills up slowly: a 120-day sawtooth from 80% free down to 30% free.
  [/FreeStorageSpace/, ({ unit, timeMs, random }) => {
    const capacity = (20 + Math.round(unit * 80)) * GIB;
    const used = 0.2 + 0.5 * ((timeMs / DAY_MS / 120 + unit) % 1);
    return Math.round(capacity * (1 - used) - random * 1e6);
  }],
  [/FreeableMemory|AvailableMemory/, ({ unit, daily, random }) => Math.round((0.5 + unit) * GIB * (0.6 + 0.1 * daily + 0.05 * (random - 0.5)))],
  [/UnHealthyHostCount/, () => 0],
  [/HealthyHostCount/, () => 2],
  // Errors are rare: about 3% of minutes see one to three.
  [/5XX|4XX|Error|Fault|Throttl|Failed|Rejected|Dropped/i, ({ random }) => (random < 0.03 ? 1 + Math.floor(random * 100) : 0)],
  [/Utilization|Percent/, ({ unit, daily, random }) => clamp(35 + 20 * (unit - 0.5) + 15 * daily + 10 * (random - 0.5), 0, 100)],
  [/Latency|ResponseTime|Duration/, ({ unit, daily, random }) => (0.05 + 0.1 * unit) * (1 + 0.4 * daily) * (0.7 + 0.6 * random)],
  [/Connection/, ({ unit, daily, random }) => Math.max(0, Math.round(5 + 20 * unit + 5 * daily + 4 * random))],
  [/RequestCount|Requests|Invocations|Count$/, ({ unit, daily, random }) => Math.round((100 + 200 * unit) * (1 + 0.6 * daily) * (0.85 + 0.3 * random))],
  [/IOPS/, ({ unit, daily, random }) => (20 + 100 * unit) * (1 + 0.5 * daily) * (0.8 + 0.4 * random)],
  [/Bytes|Network|Throughput/, ({ unit, daily, random }) => Math.round((1e6 + 5e6 * unit) * (1 + 0.5 * daily) * (0.8 + 0.4 * random))],
];

const GENERIC: Profile = ({ daily, random }) => 50 + 20 * daily + 10 * (random - 0.5);

/** The value of `seedKey`'s metric for the minute starting at `minuteStartMs`. */
export function syntheticMinuteValue(seedKey: string, metricName: string, minuteStartMs: number): number {
  const seed = hashString(seedKey);
  const unit = seed / 4294967296;
  const minute = Math.floor(minuteStartMs / MINUTE_MS);
  const daily = Math.sin(2 * Math.PI * (minuteStartMs / DAY_MS + unit));
  const profile = PROFILES.find(([pattern]) => pattern.test(metricName))?.[1] ?? GENERIC;
  return profile({ unit, daily, random: noise(seed, minute), timeMs: minuteStartMs });
}

export const SYNTHETIC_RESOLUTION_MS = MINUTE_MS;
