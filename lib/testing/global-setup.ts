import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "../db/migrator.ts";
import { startEmbeddedPostgres } from "../db/embedded-postgres.ts";
import { createScratchDatabase } from "./scratch-database.ts";

// One fresh database per test run, on DATABASE_URL's server (CI and developers have PostgreSQL on 5432) or on an
// embedded PostgreSQL when none is given. Its URL reaches the test workers through DATABASE_URL; it is dropped after.
export default async function setup() {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "stackdeck-test-pg-"));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const embedded = await startEmbeddedPostgres({ dataDir, port });
    serverUrl = embedded.url("postgres");
    stopEmbedded = async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
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
