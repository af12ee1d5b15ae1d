// Failure points between an AWS side effect and the database write that follows it (and between an intent and
// its AWS call): the places a crash can strand a deployment. Every command, the tracker and the reconciler call
// `faults.at(point, deploymentId)` there. The default does nothing; STACKDECK_FAULT=<point> makes the process
// kill itself at that point (SIGKILL: no cleanup, exactly like a crash), so the recovery can be watched in a
// running console; tests pass their own `faults` that throw SimulatedCrash instead.

export const FAULT_POINTS = [
  "create-change-set:before", // intent `previewing` committed, CreateChangeSet not sent
  "create-change-set:after", // CreateChangeSet answered, its id not stored
  "describe-change-set:after", // the preview is computed, `ready` not written
  "execute-change-set:before", // intent `executing` committed, ExecuteChangeSet not sent
  "execute-change-set:after", // ExecuteChangeSet answered, `deploying` not written
  "delete-stack:before",
  "delete-stack:after",
  "cancel-update-stack:before", // intent `cancelling` committed, CancelUpdateStack not sent
  "cancel-update-stack:after",
  "continue-update-rollback:before",
  "continue-update-rollback:after",
  "rollback-stack:before",
  "rollback-stack:after",
  "describe-stack-events:after", // the tracker read new events, did not store them
  "describe-stacks-final:after", // the tracker saw the final status, did not apply it
] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];

export interface Faults {
  at(point: FaultPoint, deploymentId: string): void;
}

export const NO_FAULTS: Faults = { at: () => undefined };

/** What a test's fault throws: nothing catches it, so no cleanup runs, as after a real crash. */
export class SimulatedCrash extends Error {
  constructor(readonly point: FaultPoint) {
    super(`simulated crash at ${point}`);
    this.name = "SimulatedCrash";
  }
}

/** STACKDECK_FAULT=<point>[,<point>...]: kill this process (SIGKILL) the first time it reaches one of them. */
export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): Faults {
  const points = new Set((env.STACKDECK_FAULT ?? "").split(",").map((p) => p.trim()).filter(Boolean));
  if (!points.size) return NO_FAULTS;
  const unknown = [...points].filter((p) => !(FAULT_POINTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`STACKDECK_FAULT: unknown failure point(s) ${unknown.join(", ")}; known: ${FAULT_POINTS.join(", ")}`);
  return {
    at(point, deploymentId) {
      if (!points.has(point)) return;
      console.error(`STACKDECK_FAULT: killing process ${process.pid} at ${point} (deployment ${deploymentId})`);
      process.kill(process.pid, "SIGKILL");
    },
  };
}

let fromEnv: Faults | undefined;

/** The process's faults: STACKDECK_FAULT's, read once; NO_FAULTS when it is not set. */
export function processFaults(): Faults {
  fromEnv ??= faultsFromEnv();
  return fromEnv;
}
