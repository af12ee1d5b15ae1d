// The living demo, as its own process beside the app: `npm run dev` starts it in demo mode against the local
// sandbox (lib/demo/seed.ts says what it does). Its failure never stops the console: it says why and exits.
import { createDb } from "../lib/db/client.ts";
import { runDemo } from "../lib/demo/seed.ts";
import { stopTrackingPublisher } from "../lib/deployments/tracker/index.ts";

// Plain lines: npm run dev prefixes each child's output with its name already.
const log = (line: string) => console.log(line);

async function main() {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint) throw new Error("AWS_ENDPOINT_URL (the local sandbox) is not set");
  const db = createDb();
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  try {
    await runDemo({ db, endpoint, log, signal: stopping.signal });
  } catch (error) {
    if (!stopping.signal.aborted) log(`demo seed stopped: ${(error as Error).message}. The console works without it; the next npm run dev continues the seed.`);
  } finally {
    await stopTrackingPublisher().catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
  }
  process.exit(0);
}

void main().catch((error) => {
  log(`demo could not start: ${(error as Error).message}`);
  process.exit(0);
});
