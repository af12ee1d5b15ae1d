// How long the sandbox takes from process start to answering its first calls, as `npm run sandbox` starts it
// (tsx sandbox/server.ts). Run: npx tsx bench/sandbox-startup.ts [runs]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.argv[2] ?? 5);

interface Sample {
  listening: number;
  health: number;
  describeStacks: number;
}

async function measureOnce(): Promise<Sample> {
  const started = performance.now();
  const child = spawn(`${root}node_modules/.bin/tsx`, ["sandbox/server.ts", "--ephemeral", "--port", "0"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /sandbox listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
    });
    const listening = performance.now() - started;
    await fetch(`${url}/_sandbox/health`).then((response) => response.json());
    const health = performance.now() - started;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=DescribeStacks&Version=2010-05-15",
    });
    await response.text();
    if (response.status !== 200) throw new Error(`DescribeStacks answered ${response.status}`);
    return { listening, health, describeStacks: performance.now() - started };
  } finally {
    child.kill("SIGTERM");
    await once(child, "exit").catch(() => undefined);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const samples: Sample[] = [];
for (let i = 0; i < runs; i += 1) samples.push(await measureOnce());
console.log(`sandbox startup over ${runs} runs (ms, from spawn):`);
for (const key of ["listening", "health", "describeStacks"] as const) {
  const values = samples.map((sample) => sample[key]);
  console.log(`  ${key.padEnd(15)} median ${percentile(values, 50).toFixed(0).padStart(5)}  p95 ${percentile(values, 95).toFixed(0).padStart(5)}`);
}
