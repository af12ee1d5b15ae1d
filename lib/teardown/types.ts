// What the API and the pages see of teardown schedules. Plain data.

export interface TeardownItemDto {
  stackName: string;
  state: string;
  reason: string | null;
  retained: string[];
  deletedAt: string | null;
  recreatedAt: string | null;
}

export interface TeardownRunDto {
  id: string;
  status: string;
  windowStart: string;
  windowEnd: string | null;
  items: TeardownItemDto[];
}

export interface TeardownScheduleDto {
  id: string;
  environment: string;
  /** null: the whole environment. */
  stackName: string | null;
  kind: "ttl" | "window";
  expiresAt: string | null;
  days: number[];
  start: string | null;
  end: string | null;
  timeZone: string;
  recreate: boolean;
  warnMinutes: number;
  createdBy: string;
  createdAt: string;
  /** The window in progress or the next one (null when none is left). */
  next: { start: string; end: string | null } | null;
  lastRun: TeardownRunDto | null;
}

export interface TeardownSavings {
  /** Stack-hours torn down (each stack counted). */
  hours: number;
  /** USD: those hours at each stack's hourly cost (its monthly estimate / 730). */
  saved: number;
  stacks: number;
}

export interface TeardownProjection {
  /** Active weekly schedules. */
  schedules: number;
  /** Hours a week their windows last (summed over schedules). */
  hoursPerWeek: number;
  /** USD a week: those hours × the hourly cost of the stacks each covers now. */
  perWeek: number;
}
