import pg from "pg";
import { JOBS_SCHEMA } from "../deployments/tracker/timing.ts";

// What the app's role may do, table by table: the least that the app, the worker and the CLI need. Nothing here
// includes TRUNCATE, REFERENCES, TRIGGER or any DDL, and no table is owned by the app, so its connection can
// neither ALTER a table nor DISABLE a trigger. The history tables (audit, template versions, decisions, events) are
// INSERT and SELECT only. schema-privileges.test.ts fails when a migration adds a table that is not listed here.

export type TablePrivilege = "SELECT" | "INSERT" | "UPDATE" | "DELETE";

const READ_APPEND: TablePrivilege[] = ["SELECT", "INSERT"];
const READ_WRITE: TablePrivilege[] = ["SELECT", "INSERT", "UPDATE"];

export const APP_TABLE_PRIVILEGES: Record<string, TablePrivilege[]> = {
  users: READ_WRITE, // disabled, never deleted: the audit log names them
  environments: READ_WRITE,
  role_grants: ["SELECT", "INSERT", "DELETE"], // revoking a role deletes its grant
  api_tokens: READ_WRITE, // revoked by setting revoked_at
  audit_events: READ_APPEND,
  audit_verifications: READ_WRITE, // the verify job's progress
  sign_in_attempts: READ_APPEND,
  templates: READ_WRITE,
  template_versions: READ_APPEND,
  stacks: READ_WRITE,
  deployments: READ_WRITE,
  stack_events: READ_APPEND,
  approval_policies: READ_WRITE,
  approval_requests: READ_WRITE,
  approval_decisions: READ_APPEND,
  alarms: ["SELECT", "INSERT", "UPDATE", "DELETE"], // alarms removed from a stack disappear with it
  alarm_state_changes: READ_APPEND,
  alarm_history_marks: READ_WRITE, // how far each region's alarm history was read
  aws_call_budgets: READ_WRITE, // the shared token buckets, taken by conditional UPDATE
  stack_resource_snapshots: READ_WRITE, // what the resources refresh last read
  ecs_health_snapshots: READ_WRITE, // what the ECS refresh last read
  // Issue 14: environments are AWS accounts.
  environment_aws_targets: READ_WRITE, // an admin's AWS target of an environment
  discovered_stacks: ["SELECT", "INSERT", "UPDATE", "DELETE"], // unmanaged stacks leave when adopted or gone from AWS
  // Issue 15: plans for a whole environment.
  plans: READ_WRITE,
  plan_stacks: READ_WRITE,
  plan_decisions: READ_APPEND,
  // issue 16 (drift, teardown)
  drift_checks: READ_WRITE, // one row per detection, moved to its result by lib/drift
  teardown_schedules: READ_WRITE, // cancelled by setting cancelled_at
  teardown_runs: READ_WRITE,
  teardown_items: READ_WRITE,
  // issue 16, notifications
  notification_destinations: READ_WRITE, // deleted by setting deleted_at: their deliveries stay readable
  notification_deliveries: READ_WRITE, // the outbox; the delivery job moves each row's status
  notification_attempts: READ_APPEND, // the log of every HTTP attempt
  _prisma_migrations: [], // the owner's bookkeeping
};

/** What a table nobody has classified yet gets (also ALTER DEFAULT PRIVILEGES for tables created later). */
export const DEFAULT_TABLE_PRIVILEGES: TablePrivilege[] = ["SELECT", "INSERT", "UPDATE", "DELETE"];

/**
 * Applies APP_TABLE_PRIVILEGES to `appRole`, as the owner, in one transaction (a running app never sees a table
 * without its grants): revoke everything, grant the listed privileges, sequences for BIGSERIAL ids, pg-boss's
 * schema (its queue tables are plain job storage), and default privileges for tables migrations create later.
 * Returns the tables that are not classified (they got DEFAULT_TABLE_PRIVILEGES).
 */
export async function grantAppPrivileges(ownerUrl: string, appRole: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const app = client.escapeIdentifier(appRole);
  const jobs = client.escapeIdentifier(JOBS_SCHEMA);
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock(7250118415)"); // concurrent starters would race on the ACLs
    const { rows } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
    await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${app}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    const unclassified: string[] = [];
    for (const { tablename } of rows) {
      const privileges = APP_TABLE_PRIVILEGES[tablename] ?? (unclassified.push(tablename), DEFAULT_TABLE_PRIVILEGES);
      if (privileges.length) await client.query(`GRANT ${privileges.join(", ")} ON TABLE public.${client.escapeIdentifier(tablename)} TO ${app}`);
    }
    await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ${DEFAULT_TABLE_PRIVILEGES.join(", ")} ON TABLES TO ${app}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO ${app}`);

    // pg-boss: the owner installs its schema and queues (job-schema.ts); the app only moves jobs through them.
    await client.query(`GRANT USAGE ON SCHEMA ${jobs} TO ${app}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${jobs} TO ${app}`);
    await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${jobs} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await client.query("COMMIT");
    return unclassified;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
