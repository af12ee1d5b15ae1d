import type { Db } from "../db/client.ts";
import { requestChange } from "./request-change.ts";
import { executeDeployment } from "./execute-deployment.ts";
import type { Command } from "./context.ts";
import type { RequestChangeInput } from "./schema.ts";
import type { ExecuteInput } from "../approvals/schema.ts";
import type { DeploymentDetail } from "./types.ts";
import { enqueueTracking } from "./tracker/enqueue.ts";
import { advanceAutoExecute } from "./auto-execute.ts";
import { loadDeploymentDetail } from "./deployment-detail.ts";

// Entry points for the web app and the API: the command, then a nudge to the background tracker, which follows
// the change from there (and, with autoExecute, applies it once the preview is ready, or sends it for approval
// and applies it on the last approval). A failed nudge is not
// fatal: the tracker's periodic sweep finds the deployment anyway.

async function track(deployment: DeploymentDetail): Promise<DeploymentDetail> {
  if (deployment.status === "previewing" || deployment.status === "deploying" || deployment.status === "cancelling") {
    await enqueueTracking(deployment.id).catch((error) => console.error(`could not enqueue tracking of ${deployment.id}`, error));
  }
  return deployment;
}

export async function startChange(db: Db, command: Command<RequestChangeInput>): Promise<DeploymentDetail> {
  const deployment = await requestChange(db, command);
  // A delete has no change set to wait for: with autoExecute it is applied at once (or sent for approval first).
  if (command.input.autoExecute && deployment.status === "ready" && command.input.action === "delete") {
    await advanceAutoExecute(db, deployment.id, { faults: command.faults });
    return track(await loadDeploymentDetail(db, deployment.id));
  }
  return track(deployment);
}

export async function startExecution(db: Db, command: Command<ExecuteInput>): Promise<DeploymentDetail> {
  return track(await executeDeployment(db, command));
}
