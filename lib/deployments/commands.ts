// The deployments domain's commands. Each takes { actor, input, meta }, authorizes through the guard, audits in the
// transaction of its change and returns plain DTOs. The tracker drives completePreview and applyTrackedStatus.
export { requestChange } from "./request-change.ts";
export { completePreview, explainChangeSetFailure, NO_CHANGES } from "./complete-preview.ts";
export { executeDeployment, assertMayDeploy, OBSOLETE_REASON } from "./execute-deployment.ts";
export { cancelDeployment, continueRollback, rollbackFailedStack } from "./recovery.ts";
export { discardPreview } from "./discard-preview.ts";
export { applyTrackedStatus, deploymentOutcome, resultSentence, type TrackedStatus } from "./apply-tracked-status.ts";
export { allowedStackActions, assertStackAction } from "./stack-actions.ts";
