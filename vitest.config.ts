import { defineConfig } from "vitest/config";

// Two projects: the app's unit and integration tests (a fresh PostgreSQL database per run, see
// lib/db/test-setup/global-setup.ts) and the sandbox's own tests, which start the sandbox over HTTP.
// Playwright specs in e2e/ are run by Playwright, never by vitest.
export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    alias: { "server-only": new URL("./lib/testing/server-only-stub.ts", import.meta.url).pathname },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "app",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "infra-templates/**/*.test.ts"],
          globalSetup: ["lib/testing/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "sandbox",
          include: ["sandbox/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
