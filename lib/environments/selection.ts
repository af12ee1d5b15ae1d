import { visibleEnvironments, type Actor } from "../auth/guard.ts";
import type { EnvironmentSummary } from "./queries.ts";

/** The environment a page shows: the requested one if the actor may see it, else the first they may see. */
export function pickEnvironment(
  actor: Actor,
  environments: EnvironmentSummary[],
  requested: string | undefined,
): EnvironmentSummary | null {
  const visible = visibleEnvironments(actor, environments);
  return visible.find((e) => e.key === requested) ?? visible[0] ?? null;
}
