import { can, type Actor, type EnvironmentPolicy } from "../auth/guard.ts";
import type { DeploymentDetail } from "../deployments/types.ts";
import type { ApprovalView } from "./types.ts";

/** What the deployment page offers this actor. Convenience only: every command checks the same rules itself. */
export interface DeploymentOffer {
  deploy: boolean;
  requestApproval: boolean;
  decide: boolean;
  breakGlass: boolean;
  discard: boolean;
  notice: string | null;
}

export function deploymentOffer(actor: Actor, env: EnvironmentPolicy & { name: string }, d: DeploymentDetail, approval: ApprovalView | null): DeploymentOffer {
  const discard = (d.status === "ready" || d.status === "awaiting_approval") && can(actor, "change:preview", env);
  const none: DeploymentOffer = { deploy: false, requestApproval: false, decide: false, breakGlass: false, discard, notice: null };
  if (!env.requiresApproval) return { ...none, deploy: d.status === "ready" && can(actor, "change:deploy", env) };
  const admin = can(actor, "change:break-glass", env);
  const requester = d.requestedBy === actor.email || approval?.requestedBy === actor.email;
  const approved = approval?.status === "approved" && !approval.expired;
  const decidedByMe = approval?.decisions.some((x) => x.by === actor.email) ?? false;
  const mayDecide = !!approval && approval.status === "pending" && !approval.expired && !requester && !decidedByMe && can(actor, "change:approve", env);
  if (d.status === "ready") {
    const approverOfIt = approval?.decisions.some((x) => x.approved && x.by === actor.email) ?? false;
    const deploy = approved && ((requester && can(actor, "change:request", env)) || approverOfIt || admin);
    const requestApproval = !approval && can(actor, "change:request", env);
    const notice = approved
      ? null
      : requestApproval
        ? `${env.name} changes need a second pair of eyes: request approval, then deploy once approved.`
        : null;
    return { ...none, deploy, requestApproval, breakGlass: admin && !approved, notice };
  }
  if (d.status === "awaiting_approval") {
    const notice = requester ? "Someone else must approve this change; you cannot approve your own request." : null;
    return { ...none, decide: mayDecide, breakGlass: admin, notice };
  }
  return { ...none, discard: false };
}
