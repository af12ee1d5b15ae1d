import { environmentOfDeployment, type AccessRule } from "../auth/authorize-first.ts";

const BREAK_GLASS = new Set<unknown>([true, "true", "on"]);

/**
 * Who may ask to execute a deployment at all (lib/approvals/execution.ts decides the rest): with break glass only
 * those who may break glass there; otherwise whoever may deploy there, or run an approved change (its requester,
 * one of its approvers).
 */
export function executeAccess(deploymentField = "deploymentId"): AccessRule {
  return {
    requires: (fields) => (BREAK_GLASS.has(fields.breakGlass) ? "change:break-glass" : ["change:deploy", "change:request", "change:approve"]),
    environment: environmentOfDeployment(deploymentField),
  };
}
