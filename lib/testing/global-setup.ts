import { createScratchDatabaseWithRoles } from "./scratch-roles.ts";
import { startScratchPostgres } from "./scratch-postgres.ts";
import { useTestAuditKey } from "./audit-key.ts";

// One fresh database per test run, on DATABASE_URL's server (CI and developers have PostgreSQL on 5432) or on an
// embedded PostgreSQL when none is given. Its URL reaches the test workers through DATABASE_URL; it is dropped after.
export default async function setup() {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startScratchPostgres("test", (line) => console.log(`[test] ${line}`));
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const scratch = await createScratchDatabaseWithRoles(serverUrl, "stackdeck_test");
  // The code under test connects as the app role, like production; tests that must act as the owner (forging
  // audit entries, cleaning up) use MIGRATION_DATABASE_URL.
  process.env.DATABASE_URL = scratch.appUrl;
  process.env.MIGRATION_DATABASE_URL = scratch.ownerUrl;
  process.env.STACKDECK_TEST_SERVER_URL = serverUrl;
  // Issue 16: the notification tests run delivery themselves; other tests' workers must not race them for the outbox.
  process.env.NOTIFY_DELIVERY = "off";
  const auditKey = useTestAuditKey();
  return async () => {
    auditKey.cleanup();
    await scratch.drop();
    await stopEmbedded?.();
  };
}
