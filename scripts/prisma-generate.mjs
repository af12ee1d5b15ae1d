// Generates the Prisma client (lib/db/generated, git-ignored). `prisma generate` does not run the native schema
// engine but tries to download it unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file; offline machines
// cannot download it (FACTS.md), so point it at any file when the user has not set it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const result = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], { env, stdio: ["ignore", "pipe", "inherit"] });
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.exit(result.status ?? 1);
}
