// The deployments domain functions the tracker drives (owned by lib/deployments; imported in this one place).
export { applyTrackedStatus } from "../apply-tracked-status.ts";
export { completePreview } from "../complete-preview.ts";
