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
// Quiet on success (it runs before every dev, build and test); everything it said on failure.
const result = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], { env, encoding: "utf8" });
if (result.status !== 0) {
  process.stderr.write(`prisma generate failed:\n${result.stdout}${result.stderr}`);
  process.exit(result.status ?? 1);
}
