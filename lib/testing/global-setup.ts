import { migrate } from "../db/migrator.ts";
import { createScratchDatabase } from "./scratch-database.ts";
import { startScratchPostgres } from "./scratch-postgres.ts";

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
  const scratch = await createScratchDatabase(serverUrl, "stackdeck_test");
  await migrate(scratch.url);
  process.env.DATABASE_URL = scratch.url;
  process.env.STACKDECK_TEST_SERVER_URL = serverUrl;
  return async () => {
    await scratch.drop();
    await stopEmbedded?.();
  };
}
