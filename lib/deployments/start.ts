import type { Db } from "../db/client.ts";
import { requestChange } from "./request-change.ts";
import { executeDeployment } from "./execute-deployment.ts";
import type { Command } from "./context.ts";
import type { RequestChangeInput } from "./schema.ts";
import type { ExecuteInput } from "../approvals/schema.ts";
import type { DeploymentDetail } from "./types.ts";
import { enqueueTracking } from "./tracker/enqueue.ts";

// Entry points for the web app and the API: the command, then a nudge to the background tracker, which follows
// the change from there (and executes it once the preview is ready when autoExecute is set). A failed nudge is not
// fatal: the tracker's periodic sweep finds the deployment anyway.

async function track(deployment: DeploymentDetail): Promise<DeploymentDetail> {
  if (deployment.status === "previewing" || deployment.status === "deploying") {
    await enqueueTracking(deployment.id).catch((error) => console.error(`could not enqueue tracking of ${deployment.id}`, error));
  }
  return deployment;
}

export async function startChange(db: Db, command: Command<RequestChangeInput>): Promise<DeploymentDetail> {
  const deployment = await requestChange(db, command);
  // A delete has no change set to wait for: with autoExecute it is applied at once.
  if (command.input.autoExecute && deployment.status === "ready" && command.input.action === "delete") {
    return track(await executeDeployment(db, { ...command, input: { deploymentId: deployment.id } }));
  }
  return track(deployment);
}

export async function startExecution(db: Db, command: Command<ExecuteInput>): Promise<DeploymentDetail> {
  return track(await executeDeployment(db, command));
}
