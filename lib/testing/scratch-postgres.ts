import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "../db/embedded-postgres.ts";

// A throwaway embedded PostgreSQL for test runs without DATABASE_URL (vitest's global setup, the e2e server):
// its own data folder and a random port, both removed again by stop(). A port some other program took between
// choosing and binding it is simply tried again with another one.

export interface ScratchPostgres {
  /** URL of the server's `postgres` database. */
  url: string;
  stop: () => Promise<void>;
}

export async function startScratchPostgres(label: string, log: (line: string) => void = () => undefined): Promise<ScratchPostgres> {
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `stackdeck-${label}-pg-`));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    try {
      const server = await startEmbeddedPostgres({ dataDir: dir, port, onPlacement: (line) => (line.includes("live in") ? log(line) : undefined) });
      return {
        url: server.url("postgres"),
        stop: async () => {
          await server.stop();
          rmSync(server.dataDir, { recursive: true, force: true });
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      if (!(error instanceof EmbeddedPostgresError && error.code === "port_in_use" && attempt < 3)) throw error;
    }
  }
}
