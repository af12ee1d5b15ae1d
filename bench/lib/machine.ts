// What else the machine was doing while a bench ran: load average, and the CPU time of the whole machine next to
// the CPU time of the processes under test, so a figure taken next to someone's build says so.
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Busy and total CPU ticks of the whole machine (all cores) from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** utime + stime of one process, in ticks; 0 once it is gone. */
export function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Resident memory of one process in bytes (VmRSS), 0 once it is gone. */
export function rssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Every process below `root` (children, grandchildren, ...), with its command line. */
export function descendants(root: number): { pid: number; command: string }[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: { pid: number; command: string }[] = [];
  const walk = (pid: number) => {
    for (const child of parents.get(pid) ?? []) {
      let command = "";
      try {
        command = readFileSync(`/proc/${child}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      } catch {
        continue;
      }
      found.push({ pid: child, command });
      walk(child);
    }
  };
  walk(root);
  return found;
}

export interface CpuWindow {
  /** Seconds of wall time. */
  seconds: number;
  /** Share of the whole machine (all cores) that was busy, 0..1. */
  machineBusy: number;
  /** Cores' worth of CPU the processes under test used. */
  oursCores: number;
  /** Cores' worth of CPU everything else used (other people's builds and tests, the OS). */
  othersCores: number;
  loadAverage: [number, number, number];
}

/** Starts measuring; `stop(pids)` returns the window (pids: the processes under test, asked again at the end). */
export function startCpuWindow(pids: () => number[]): { stop(): CpuWindow } {
  const started = performance.now();
  const machine = machineTicks();
  const ours = new Map(pids().map((pid) => [pid, processTicks(pid)]));
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const now = machineTicks();
      let oursTicks = 0;
      for (const pid of new Set([...ours.keys(), ...pids()])) oursTicks += processTicks(pid) - (ours.get(pid) ?? 0);
      const busyTicks = now.busy - machine.busy;
      return {
        seconds,
        machineBusy: busyTicks / Math.max(1, now.total - machine.total),
        oursCores: oursTicks / TICKS_PER_SECOND / seconds,
        othersCores: Math.max(0, busyTicks - oursTicks) / TICKS_PER_SECOND / seconds,
        loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100) as [number, number, number],
      };
    },
  };
}

/** One line saying under which conditions a figure was taken. */
export function describeWindow(label: string, w: CpuWindow): string {
  return `${label}: ${w.seconds.toFixed(0)} s, machine ${(w.machineBusy * 100).toFixed(0)}% busy of ${os.cpus().length} cores; ` +
    `under test ${w.oursCores.toFixed(2)} cores, everything else ${w.othersCores.toFixed(2)} cores; load average ${w.loadAverage.join(" / ")}`;
}
