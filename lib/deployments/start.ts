import type { Db } from "../db/client.ts";
import { requestChange } from "./request-change.ts";
import { executeDeployment } from "./execute-deployment.ts";
import type { Command } from "./context.ts";
import type { RequestChangeInput } from "./schema.ts";
import type { ExecuteInput } from "../approvals/schema.ts";
import type { DeploymentDetail } from "./types.ts";
import { enqueueTracking } from "./tracker/enqueue.ts";
import { assertCan } from "../auth/guard.ts";
import { getEnvironmentByKey } from "../environments/queries.ts";
import { checkUpstream, upstreamError } from "./upstream.ts";
import { advanceAutoExecute } from "./auto-execute.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";

// Entry points for the web app and the API: the command, then a nudge to the background tracker, which follows
// the change from there (and, with autoExecute, applies it once the preview is ready, or sends it for approval
// and applies it on the last approval). A failed nudge is not
// fatal: the tracker's periodic sweep finds the deployment anyway.

/**
 * How long a request waits for the nudge. The first one in a process starts the pg-boss publisher, which can wait
 * on the workers' schema lock; the user must not watch "Creating change set…" for that while the change set exists
 * already (issue 10), so past this the nudge finishes in the background (or the sweep picks the deployment up).
 */
const NUDGE_WAIT_MS = 2_000;

async function track(deployment: DeploymentDetail): Promise<DeploymentDetail> {
  if (deployment.status === "previewing" || deployment.status === "deploying" || deployment.status === "cancelling") {
    const nudge = enqueueTracking(deployment.id).catch((error) => console.error(`could not enqueue tracking of ${deployment.id}`, error));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([nudge, new Promise((resolve) => (timer = setTimeout(resolve, NUDGE_WAIT_MS)))]);
    clearTimeout(timer);
  }
  return deployment;
}

export async function startChange(db: Db, command: Command<RequestChangeInput>, options: { templateVersionId?: string } = {}): Promise<DeploymentDetail> {
  await assertUpstreamReady(db, command);
  const deployment = await requestChange(db, command, options);
  // A delete has no change set to wait for: with autoExecute it is applied at once (or sent for approval first).
  if (command.input.autoExecute && deployment.status === "ready" && command.input.action === "delete") {
    await advanceAutoExecute(db, deployment.id, { faults: command.faults });
    return track(await loadDeploymentDetail(db, deployment.id));
  }
  return track(deployment);
}

export async function startExecution(db: Db, command: Command<ExecuteInput>, options: Parameters<typeof executeDeployment>[2] = {}): Promise<DeploymentDetail> {
  return track(await executeDeployment(db, command, options));
}

/**
 * A create or update whose template imports from stacks that are not there is refused before any change set
 * (CloudFormation would fail it late, "No export named …"), naming every missing stack. Permission comes first,
 * as everywhere: a caller who may not preview learns nothing about the environment's stacks. A retried request
 * (known client token) goes straight to requestChange, which returns the deployment it made.
 */
async function assertUpstreamReady(db: Db, { actor, input }: Command<RequestChangeInput>): Promise<void> {
  if (input.action !== "create" && input.action !== "update") return;
  const environment = await getEnvironmentByKey(db, input.environment);
  assertCan(actor, "change:preview", environment);
  if (input.clientToken && (await db.deployment.findUnique({ where: { clientToken: input.clientToken }, select: { id: true } }))) return;
  const parameters = Object.fromEntries(Object.entries(input.parameters ?? {}).map(([k, v]) => [k, String(v)]));
  const refusal = upstreamError(input.template, await checkUpstream(db, { environment, template: input.template, parameters }));
  if (refusal) throw refusal;
}
