import { z } from "zod";
import type { CatalogEntry } from "@/lib/templates/queries";
import { estimate } from "./responses";

// The template catalog as GET /api/v1/templates and /templates/{name} answer it (see responses.ts for why zod).

const iso = z.iso.datetime({ offset: true });
const issue = z.strictObject({ message: z.string(), line: z.int().optional(), path: z.string().optional() });

export const catalogEntry = z.strictObject({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  dependsOn: z.array(z.string()).describe("templates whose stacks must exist first in the environment (their exports are imported)"),
  resourceCount: z.int(),
  version: z.strictObject({ id: z.uuid(), sha256: z.string(), createdAt: iso }).nullable(),
  pendingIssues: z.array(issue).describe("issues of the newest source when it is invalid (the previous version is still served)"),
  monthlyEstimate: z.number().nullable().describe("USD per month with the environment's profile"),
}) satisfies z.ZodType<CatalogEntry>;

export const catalog = z.strictObject({ environment: z.string(), items: z.array(catalogEntry) });

export const templateDetail = catalogEntry.extend({
  environment: z.string(),
  parameters: z.array(z.strictObject({
    name: z.string(),
    type: z.string(),
    description: z.string().nullable(),
    allowedValues: z.array(z.union([z.string(), z.number()])).nullable(),
    default: z.union([z.string(), z.number(), z.boolean()]).nullable().describe("**** for NoEcho parameters"),
    environmentValue: z.string().nullable().describe("what this environment's profile sets (else the default applies)"),
    userMayChange: z.boolean(),
    bounds: z.strictObject({
      min: z.number().optional(), max: z.number().optional(), allowedValues: z.array(z.union([z.string(), z.number()])).optional(),
      pattern: z.string().optional(), minLength: z.int().optional(), maxLength: z.int().optional(), required: z.boolean().optional(),
    }).nullable(),
  })),
  resources: z.array(z.strictObject({ logicalId: z.string(), type: z.string(), condition: z.string().nullable(), active: z.boolean() })),
  outputs: z.array(z.strictObject({ name: z.string(), description: z.string().nullable(), exportName: z.string().nullable() })),
  estimate: estimate.nullable(),
  versions: z.array(z.strictObject({ id: z.uuid(), sha256: z.string(), createdAt: iso, valid: z.boolean(), current: z.boolean() })),
});
