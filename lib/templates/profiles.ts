import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { TEMPLATES_DIR } from "./source-files.ts";

// Environment profiles (infra-templates/environments/<env>.yaml): the parameter values of each template in that
// environment, which of them users may override and within which bounds, and the usage assumptions for costs.

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));
const boundSchema = z
  .object({
    min: z.number().optional(),
    max: z.number().optional(),
    allowedValues: z.array(z.union([z.string(), z.number()])).optional(),
    pattern: z.string().optional(),
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    required: z.boolean().optional(),
  })
  .strict()
  .nullish()
  .transform((b) => b ?? {});

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export const profileSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  region: z.string().default("us-east-1"),
  // The environment's AWS target (issue 14; lib/environments/aws-target.ts). An admin's edits take their place.
  accountId: z.string().regex(/^\d{12}$/).optional(),
  /** Every region the environment uses (discovery lists each); the first is `region`. */
  regions: z.array(z.string()).optional(),
  roleArn: z.string().regex(ROLE_ARN).nullable().optional(),
  externalId: z.string().min(2).max(1224).nullable().optional(),
  sessionDurationSeconds: z.number().int().min(900).max(43200).optional(),
  serviceRoleArn: z.string().regex(ROLE_ARN).nullable().optional(),
  requiresApproval: z.boolean().default(false),
  /** Rollback triggers' monitoring time after a production update (lib/alarms/rollback-triggers.ts). */
  rollbackMonitoringMinutes: z.number().int().min(0).max(180).default(5),
  stacks: z.record(
    z.string(),
    z.object({
      parameters: z.record(z.string(), scalar).default({}),
      overridable: z.record(z.string(), boundSchema).default({}),
    }),
  ),
  costAssumptions: z.record(z.string(), z.number()).default({}),
}).strict();
export type EnvironmentProfile = z.infer<typeof profileSchema>;

const cache = new Map<string, { loadedAt: number; profile: EnvironmentProfile | null }>();
const TTL_MS = process.env.NODE_ENV === "production" ? Infinity : 2_000; // pick up edits while developing

/** The profile of an environment, or null when none exists (an environment added by an admin). */
export async function loadProfile(environment: string, dir = path.join(TEMPLATES_DIR, "environments")): Promise<EnvironmentProfile | null> {
  const hit = cache.get(environment);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit.profile;
  let profile: EnvironmentProfile | null = null;
  try {
    const text = await readFile(path.join(dir, `${environment}.yaml`), "utf8");
    profile = profileSchema.parse(parse(text));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new Error(`infra-templates/environments/${environment}.yaml is not a valid profile: ${(error as Error).message}`, { cause: error });
    }
  }
  cache.set(environment, { loadedAt: Date.now(), profile });
  return profile;
}

export function stackProfile(profile: EnvironmentProfile | null, template: string) {
  return profile?.stacks[template] ?? { parameters: {}, overridable: {} };
}
