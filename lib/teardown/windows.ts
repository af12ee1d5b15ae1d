// When a schedule tears down: pure functions of the schedule and "now" (the jobs pass their injectable clock), in
// the schedule's time zone. A weekly window starts at startMinute on each listed ISO weekday and ends at endMinute
// the same day, or the next day when endMinute <= startMinute (weeknights 20:00-07:00). A time to live is one
// window from expiresAt with no end.

export interface ScheduleTimes {
  kind: "ttl" | "window";
  expiresAt: Date | null;
  days: number[];
  startMinute: number | null;
  endMinute: number | null;
  timeZone: string;
}

export interface Window {
  start: Date;
  end: Date | null;
}

const DAY_MS = 86_400_000;

/** The window containing `now`, else the next one to start; null when there is none (an expired TTL is returned). */
export function relevantWindow(schedule: ScheduleTimes, now: Date): Window | null {
  if (schedule.kind === "ttl") return schedule.expiresAt ? { start: schedule.expiresAt, end: null } : null;
  if (schedule.startMinute === null || schedule.endMinute === null || schedule.days.length === 0) return null;
  const today = localDate(now, schedule.timeZone);
  // Yesterday's window may still be open (overnight); then the next 7 days' starts.
  for (let offset = -1; offset <= 7; offset++) {
    const day = addDays(today, offset);
    if (!schedule.days.includes(isoWeekday(day))) continue;
    const start = zonedTime(day, schedule.startMinute, schedule.timeZone);
    const endDay = schedule.endMinute <= schedule.startMinute ? addDays(day, 1) : day;
    const end = zonedTime(endDay, schedule.endMinute, schedule.timeZone);
    if (end > now) return { start, end };
  }
  return null;
}

/** The stored day list ("1,2,3") as numbers. */
export function parseDays(days: string): number[] {
  return days.split(",").filter(Boolean).map(Number);
}

export function isOpen(window: Window, now: Date): boolean {
  return window.start <= now && (window.end === null || now < window.end);
}

/** Hours the window keeps things down (for a TTL: none, it has no end). */
export function windowHours(window: Window): number {
  return window.end ? (window.end.getTime() - window.start.getTime()) / 3_600_000 : 0;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

type LocalDate = { y: number; m: number; d: number };

function localDate(at: Date, timeZone: string): LocalDate {
  const parts = parts_(at, timeZone);
  return { y: parts.year, m: parts.month, d: parts.day };
}

function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function isoWeekday(date: LocalDate): number {
  const wd = new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The instant at which the clock in `timeZone` shows `minute` on `date` (the zone's offset found by two passes). */
function zonedTime(date: LocalDate, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(date.y, date.m - 1, date.d, Math.floor(minute / 60), minute % 60);
  let guess = wanted;
  for (let i = 0; i < 2; i++) guess = wanted - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(at: Date, timeZone: string): number {
  const p = parts_(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}

function parts_(at: Date, timeZone: string) {
  const fmt = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(at)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}
