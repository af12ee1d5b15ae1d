import { Badge } from "@/components/ui/badge";
import type { DeploymentStatus } from "@/lib/deployments/types";
import { DEPLOYMENT_STATUS_LABELS, deploymentStatusTone, stackStatusTone } from "./status";

export function StackStatusBadge({ status }: { status: string | null }) {
  return <Badge tone={stackStatusTone(status)}>{status ?? "NOT CREATED"}</Badge>;
}

export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return <Badge tone={deploymentStatusTone(status)}>{DEPLOYMENT_STATUS_LABELS[status]}</Badge>;
}

/** Executed without approval through emergency access: red wherever the deployment is listed. */
export function BreakGlassBadge() {
  return <Badge tone="red"><span aria-hidden>⚠</span> Break glass</Badge>;
}
