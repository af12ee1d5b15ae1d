import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Imported FIRST by the fault test: a copy of the real catalog whose cache stack fails to create in the sandbox
// (Metadata.SandboxFault on its subnet group), read from STACKDECK_TEMPLATES_DIR (source-files.ts reads it on load).

export const FAULT_CATALOG = mkdtempSync(path.join(os.tmpdir(), "stackdeck-plan-fault-"));
cpSync(path.resolve("infra-templates"), FAULT_CATALOG, { recursive: true });
const cache = path.join(FAULT_CATALOG, "cache.yaml");
const anchor = "  SubnetGroup:\n    Type: AWS::ElastiCache::SubnetGroup\n";
const body = readFileSync(cache, "utf8");
if (!body.includes(anchor)) throw new Error("cache.yaml changed: the fault test cannot inject its fault");
writeFileSync(cache, body.replace(anchor, `${anchor}    Metadata:\n      SandboxFault: { Operation: Create, Reason: "Subnet quota exceeded (injected)" }\n`));
process.env.STACKDECK_TEMPLATES_DIR = FAULT_CATALOG;
