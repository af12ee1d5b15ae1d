// The approvals domain's commands. Each takes { actor, input, meta }, authorizes through the guard and the
// approval rules, and audits in the transaction of its change. Execution re-checks them in executeDeployment.
export { requestApproval } from "./request-approval.ts";
export { approveDeployment, rejectDeployment } from "./decide.ts";
export { updateApprovalPolicy, ensureApprovalPolicies } from "./policy.ts";
