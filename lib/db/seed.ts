import type { Db } from "./client.ts";
import { ensureDefaultEnvironments } from "../environments/defaults.ts";
import { ensureApprovalPolicies } from "../approvals/policy.ts";
import { createUser } from "../users/commands.ts";
import type { RoleName } from "../auth/roles.ts";

export const DEFAULT_DEMO_PASSWORD = "stackdeck-demo";

export const DEMO_USERS: { email: string; name: string; role: RoleName }[] = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "approver@example.com", name: "Arthur Approver", role: "approver" },
  { email: "deployer@example.com", name: "Dana Deployer", role: "deployer" },
  { email: "viewer@example.com", name: "Vic Viewer", role: "viewer" },
];

/**
 * Environments always; the four demo users only in demo mode. Idempotent: existing users are left as they are
 * (their password is not reset), so restarting `npm run dev` keeps whatever was changed in the console.
 */
export async function seed(db: Db, options: { demo: boolean; demoPassword?: string }): Promise<{ createdUsers: string[] }> {
  await ensureDefaultEnvironments(db);
  await ensureApprovalPolicies(db);
  const createdUsers: string[] = [];
  if (!options.demo) return { createdUsers };
  const password = options.demoPassword || DEFAULT_DEMO_PASSWORD;
  for (const demo of DEMO_USERS) {
    const exists = await db.user.findUnique({ where: { email: demo.email }, select: { id: true } });
    if (exists) continue;
    await createUser(db, {
      actor: "system",
      input: { email: demo.email, name: demo.name, password, role: demo.role, environment: "*" },
      meta: { userAgent: "stackdeck seed" },
    });
    createdUsers.push(demo.email);
  }
  return { createdUsers };
}
