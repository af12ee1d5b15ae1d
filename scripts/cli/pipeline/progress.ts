import type { DeploymentLiveState } from "../../../lib/realtime/queries.ts";
import type { StackEventDto } from "../../../lib/deployments/types.ts";

export interface Terminal {
  write: (text: string) => void;
  /** Redraw one progress line in place; otherwise (CI logs) print plain lines, one per change. */
  isTTY: boolean;
}

/**
 * What a person (or a CI log) sees while a deployment runs: every stack event as a line, and the progress. In a
 * terminal the progress line stays at the bottom and is redrawn; in a log each change of status or count is
 * printed once, so the log reads top to bottom without control characters.
 */
export function createReporter(terminal: Terminal, now: () => number = Date.now) {
  let state: DeploymentLiveState | null = null;
  let drawn = false;
  let lastPlain = "";

  const clear = () => {
    if (drawn) terminal.write("\r\x1b[2K");
    drawn = false;
  };
  const redraw = () => {
    if (!terminal.isTTY || !state) return;
    clear();
    terminal.write(progressLine(state, now()));
    drawn = true;
  };

  return {
    /** A line of its own (status messages, approval instructions). */
    line(text: string) {
      clear();
      terminal.write(`${text}\n`);
      redraw();
    },
    event(event: StackEventDto) {
      this.line(eventLine(event));
    },
    state(next: DeploymentLiveState) {
      state = next;
      if (terminal.isTTY) return redraw();
      const plain = progressLine(next, now());
      const key = `${next.status} ${next.resourcesDone}/${next.resourcesTotal}`;
      if (key !== lastPlain) terminal.write(`${plain}\n`);
      lastPlain = key;
    },
    /** Redraws the elapsed time while nothing else happens (terminal only). */
    tick() {
      redraw();
    },
    done() {
      clear();
    },
  };
}

export type Reporter = ReturnType<typeof createReporter>;

export function eventLine(e: StackEventDto): string {
  const time = e.timestamp.slice(11, 19);
  return `  ${time}  ${e.status.padEnd(24)} ${e.logicalId} (${e.resourceType})${e.reason ? `: ${e.reason}` : ""}`;
}

export function progressLine(s: DeploymentLiveState, nowMs: number): string {
  const total = s.resourcesTotal;
  const done = Math.min(s.resourcesDone, total);
  const percent = total ? Math.round((done / total) * 100) : s.status === "succeeded" ? 100 : 0;
  const width = 20;
  const filled = Math.round((percent / 100) * width);
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  const since = s.startedAt ? ` · ${formatDuration(((s.finishedAt ? Date.parse(s.finishedAt) : nowMs) - Date.parse(s.startedAt)) / 1000)}` : "";
  return `${s.status.padEnd(17)} ${bar} ${done}/${total} resources (${percent}%)${since}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
