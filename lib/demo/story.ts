import type { DeploymentAction, DeploymentStatus } from "../deployments/types.ts";
import type { CatalogEntry } from "../templates/queries.ts";

// The demo as data: what a platform team would have done in its first days with Stackdeck. Every change goes
// through the console's own commands (preview, execute, approval) as one of the demo users, so it leaves the
// deployments, events, approvals and audit entries a real team would leave.

export type DemoUser = "deployer" | "approver" | "admin";

export interface DemoChange {
  /** Stable per change: its client token is DEMO_TOKEN_PREFIX + key, so a restarted seed finds it again. */
  key: string;
  environment: "staging" | "production";
  template: string;
  action: Exclude<DeploymentAction, "delete">;
  parameters?: Record<string, string>;
  /** For a rollback: the key of the earlier change to return to. */
  rollbackTo?: string;
  by: DemoUser;
  note: string;
  /** Where approval is required: the requester's reason, and whether an approver approves it or it stays waiting. */
  approval?: { reason: string; decision: "approve" | "pending"; comment?: string };
  /** How the change must end for the story to hold (a failed update rolls back). */
  expect: DeploymentStatus;
  /** Templates (same environment) whose changes must have finished first. */
  after: string[];
}

export const DEMO_TOKEN_PREFIX = "stackdeck-demo-";
export const tokenOf = (key: string) => `${DEMO_TOKEN_PREFIX}${key}`;
export const IMAGE_TAGS = { first: "1.4.0", second: "1.5.0" } as const;

/** Values the catalog cannot know: the GitHub repository allowed to deploy, the first image. */
const CREATE_PARAMETERS: Record<string, Record<string, string>> = {
  iam: { GitHubRepository: "acme/storefront" },
  service: { ImageTag: IMAGE_TAGS.first },
};

/** The whole staging platform, one create per catalog template, each after the templates it imports from. */
export function platformCreates(catalog: CatalogEntry[]): DemoChange[] {
  return catalog.map((entry) => ({
    key: `staging-${entry.name}`,
    environment: "staging",
    template: entry.name,
    action: "create",
    parameters: CREATE_PARAMETERS[entry.name] ?? {},
    by: "deployer",
    note: `${entry.title} for staging`,
    expect: "succeeded",
    after: entry.dependsOn,
  }));
}

/** After the platform: the history a team builds up, one change at a time. */
export const HISTORY: DemoChange[] = [
  {
    key: "staging-service-1.5.0", environment: "staging", template: "service", action: "update", parameters: { ImageTag: IMAGE_TAGS.second },
    by: "deployer", note: "Release 1.5.0: faster checkout", expect: "succeeded", after: [],
  },
  {
    // CloudFormation refuses to change an export other stacks import, so this update rolls back: the subnets are in use.
    key: "staging-network-three-zones", environment: "staging", template: "network", action: "update", parameters: { AvailabilityZoneCount: "3" },
    by: "admin", note: "A third availability zone for staging", expect: "rolled_back", after: [],
  },
  {
    key: "staging-network-flow-logs", environment: "staging", template: "network", action: "update", parameters: { FlowLogRetentionInDays: "14" },
    by: "admin", note: "Keep flow logs two weeks for the security review", expect: "succeeded", after: [],
  },
  {
    key: "staging-database-larger", environment: "staging", template: "database", action: "update", parameters: { DBInstanceClass: "db.t3.small" },
    by: "deployer", note: "More memory for the load test", expect: "succeeded", after: [],
  },
  {
    key: "staging-database-back", environment: "staging", template: "database", action: "rollback", rollbackTo: "staging-database",
    by: "deployer", note: "Load test done: back to db.t3.micro", expect: "succeeded", after: [],
  },
];

export const PRODUCTION_NETWORK: DemoChange = {
  key: "production-network", environment: "production", template: "network", action: "create", by: "deployer",
  note: "Production VPC for the storefront launch", expect: "succeeded", after: [],
  approval: { reason: "Production network for the launch: two zones, a NAT gateway per zone.", decision: "approve", comment: "Matches the reviewed design. Go ahead." },
};

/** Left waiting: the approvals page and the overview show a change an approver still has to decide. */
export const PRODUCTION_SECURITY: DemoChange = {
  key: "production-security", environment: "production", template: "security", action: "create", by: "deployer",
  note: "Security groups for the production platform", expect: "awaiting_approval", after: [],
  approval: { reason: "Security groups for production, same rules as staging (reviewed in PLAT-142).", decision: "pending" },
};

/** The alarm the demo's traffic sets off: the staging load balancer sees 5xx answers from the backend. */
export const DEMO_ALARM = "stackdeck-staging-alb-target-5xx";
