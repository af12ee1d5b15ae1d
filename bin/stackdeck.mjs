#!/usr/bin/env node
// Launches the TypeScript CLI with tsx. The react-server condition lets lib/ modules marked "server-only" load.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
const main = fileURLToPath(new URL("../scripts/cli/main.ts", import.meta.url));
const child = spawn(process.execPath, [tsx, "--conditions=react-server", main, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
