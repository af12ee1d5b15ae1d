import type { StackStatusGroup } from "../deployments/stack-status.ts";
import type { OverviewVerdict } from "./types.ts";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Is everything fine?" in one line. Problems first, worst first (alarms, failed stacks, rollbacks), then what is
 * moving (deployments, approvals); all good only when nothing needs a look.
 */
export function overviewVerdict(input: {
  byGroup: Record<StackStatusGroup, number>;
  total: number;
  alarmsInAlarm: number | null;
  inProgress: number;
  awaitingApproval: number;
}): OverviewVerdict {
  const { byGroup, alarmsInAlarm } = input;
  const problems = [
    alarmsInAlarm ? plural(alarmsInAlarm, "alarm") + " in ALARM" : null,
    byGroup.failed ? `${plural(byGroup.failed, "stack")} failed` : null,
    byGroup.rollback ? `${plural(byGroup.rollback, "stack")} rolled back` : null,
  ].filter((p): p is string => p !== null);
  const moving = [
    input.inProgress ? `${plural(input.inProgress, "deployment")} in progress` : null,
    input.awaitingApproval ? `${plural(input.awaitingApproval, "change")} awaiting approval` : null,
  ].filter((p): p is string => p !== null);
  if (problems.length) {
    return { tone: alarmsInAlarm || byGroup.failed ? "red" : "amber", text: [...problems, ...moving].join(", ") };
  }
  if (input.total === 0) return { tone: "grey", text: moving.length ? `Nothing deployed yet; ${moving.join(", ")}` : "Nothing deployed yet" };
  const alarms = alarmsInAlarm === null ? "alarm states unknown" : "no alarms";
  if (moving.length) return { tone: "blue", text: `${moving.join(", ")}; ${plural(byGroup.healthy, "stack")} healthy, ${alarms}` };
  return { tone: "green", text: `All good: ${plural(byGroup.healthy, "stack")} healthy, ${alarms}` };
}
