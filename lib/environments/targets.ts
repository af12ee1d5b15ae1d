import type { Db, Tx } from "../db/client.ts";
import { notFound } from "../errors.ts";
import { loadProfile } from "../templates/profiles.ts";
import { DEFAULT_ACCOUNT_ID_FALLBACK } from "./target-defaults.ts";

// An environment's AWS target: which account and region(s) it lives in, the role the console assumes there, and
// the CloudFormation service role its change sets pass. The profile (infra-templates/environments) gives the
// defaults; an admin's settings (environment_aws_targets, commands in target-commands.ts) take their place.

export interface EnvironmentTarget {
  environment: string;
  environmentId: string;
  accountId: string;
  region: string;
  /** region first, then the profile's other regions (discovery lists each). */
  regions: string[];
  roleArn: string | null;
  externalId: string | null;
  sessionDurationSeconds: number;
  serviceRoleArn: string | null;
  /** Where these settings come from: the profile or an admin's edit. */
  source: "profile" | "console";
}

const DEFAULT_DURATION = 3600;

export async function getEnvironmentTarget(db: Db | Tx, environmentKey: string): Promise<EnvironmentTarget> {
  const environment = await db.environment.findUnique({ where: { key: environmentKey }, select: { id: true, key: true } });
  if (!environment) throw notFound(`Environment "${environmentKey}"`);
  return targetOf(db, environment);
}

export async function listEnvironmentTargets(db: Db): Promise<EnvironmentTarget[]> {
  const environments = await db.environment.findMany({ select: { id: true, key: true }, orderBy: [{ sortOrder: "asc" }, { key: "asc" }] });
  return Promise.all(environments.map((e) => targetOf(db, e)));
}

async function targetOf(db: Db | Tx, environment: { id: string; key: string }): Promise<EnvironmentTarget> {
  const [profile, row] = await Promise.all([
    loadProfile(environment.key),
    db.environmentAwsTarget.findUnique({
      where: { environmentId: environment.id },
      select: { accountId: true, region: true, roleArn: true, externalId: true, sessionDurationSeconds: true, serviceRoleArn: true },
    }),
  ]);
  const base = {
    environment: environment.key,
    environmentId: environment.id,
  };
  if (row) {
    const others = (profile?.regions ?? []).filter((r) => r !== row.region);
    return { ...base, ...row, regions: [row.region, ...others], source: "console" };
  }
  const region = profile?.region ?? process.env.AWS_REGION ?? "us-east-1";
  return {
    ...base,
    accountId: profile?.accountId ?? DEFAULT_ACCOUNT_ID_FALLBACK(),
    region,
    regions: [region, ...(profile?.regions ?? []).filter((r) => r !== region)],
    roleArn: profile?.roleArn ?? null,
    externalId: profile?.externalId ?? null,
    sessionDurationSeconds: profile?.sessionDurationSeconds ?? DEFAULT_DURATION,
    serviceRoleArn: profile?.serviceRoleArn ?? null,
    source: "profile",
  };
}

/**
 * The environment's profile as cost estimates use it: its region is the environment's (an admin may have moved it),
 * so prices are that region's (lib/cost/catalog.ts).
 */
export async function profileInTargetRegion(db: Db | Tx, environmentKey: string) {
  const [profile, target] = await Promise.all([loadProfile(environmentKey), getEnvironmentTarget(db, environmentKey).catch(() => null)]);
  return profile && target ? { ...profile, region: target.region } : profile;
}
