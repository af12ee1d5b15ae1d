"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { environmentTargetSchema } from "@/lib/environments/schema";
import { updateEnvironmentTarget } from "@/lib/environments/target-commands";
import { testEnvironmentConnection, type ConnectionTest } from "@/lib/environments/test-connection";

const CONFIGURE = { access: { requires: "environment:configure" } } as const;

// Issue 14: an admin sets an environment's AWS target (audited) and tests the connection (read-only AWS calls).
export const updateEnvironmentTargetAction = authorizedAction(
  environmentTargetSchema.and(z.object({ environment: z.string().max(40) })),
  async (input, { actor, meta }) => {
    const target = await updateEnvironmentTarget(getDb(), { actor, meta, input });
    return { message: `Saved ${target.environment}: account ${target.accountId}, ${target.region}.` };
  },
  { ...CONFIGURE, revalidate: "/environments" },
);

export const testConnectionAction = authorizedAction(z.object({ environment: z.string().max(40) }).strict(), async (input, { actor }) => {
  const data: ConnectionTest = await testEnvironmentConnection(getDb(), { actor, input });
  return { message: data.ok ? "Connected." : "The connection test found a problem.", data };
}, CONFIGURE);
