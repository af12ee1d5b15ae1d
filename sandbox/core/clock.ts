import type { Clock } from "./contracts.ts";

/** The sandbox's clock: wall-clock dates, with simulated AWS durations compressed by `speed`. */
export interface SandboxClock extends Clock {
  /** Cancels every pending delay; they never resolve, so background work stops where it is (state is persisted). */
  close(): void;
}

export function assertValidSpeed(speed: number): void {
  if (!Number.isFinite(speed) || speed <= 0 || speed > 100) {
    throw new RangeError(`speed must be a number in (0, 100], got ${speed}`);
  }
}

export function createClock(initialSpeed = 1): SandboxClock {
  assertValidSpeed(initialSpeed);
  let speed = initialSpeed;
  let closed = false;
  const pending = new Set<NodeJS.Timeout>();

  return {
    now: () => new Date(),
    get speed() {
      return speed;
    },
    setSpeed(next) {
      assertValidSpeed(next);
      speed = next;
    },
    delay(realisticMs) {
      return new Promise<void>((resolve) => {
        if (closed) return;
        const timer = setTimeout(() => {
          pending.delete(timer);
          resolve();
        }, Math.max(0, realisticMs * speed));
        // Pending simulations must never keep a finished test process alive; the HTTP server does that.
        timer.unref();
        pending.add(timer);
      });
    },
    close() {
      closed = true;
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
    },
  };
}

/**
 * Runs `tick` every `realisticMs` of simulated time until the clock closes. A failing tick is reported and the
 * loop goes on, so one bad record cannot stop alarm evaluation or ECS rollouts for everyone.
 */
export function runEvery(clock: Clock, realisticMs: number, tick: () => void, label: string): void {
  void (async () => {
    for (;;) {
      await clock.delay(realisticMs);
      try {
        tick();
      } catch (error) {
        console.error(`sandbox: ${label} tick failed`, error);
      }
    }
  })();
}
