import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import path from "node:path";
import { e2eRuntime } from "./runtime";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Front {
  url: string;
  stop: () => Promise<void>;
}

/**
 * A second front server (scripts/serve.ts, the production build) on the e2e database, configured as behind a
 * TLS-terminating proxy: `env` sets TRUST_PROXY_HOPS, NEXTAUTH_URL and the like. Same audit key, so what it records
 * chains like the main server's entries.
 */
export async function startFront(env: Record<string, string>): Promise<Front> {
  const runtime = e2eRuntime();
  const child: ChildProcess = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/serve.ts", "--port", "0", "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: runtime.databaseUrl,
      AUDIT_HMAC_KEY: runtime.auditKey,
      AUDIT_CHECKPOINT_FILE: runtime.checkpointFile,
      AWS_ENDPOINT_URL: runtime.sandboxUrl,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "e2e",
      AWS_SECRET_ACCESS_KEY: "e2e",
      NEXTAUTH_SECRET: "second-front-secret-for-the-e2e-run-only",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const ready = /ready on (http:\/\/\S+)/.exec(line);
      if (ready) resolve(ready[1]!);
    });
    child.once("exit", (code) => reject(new Error(`second front server exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
