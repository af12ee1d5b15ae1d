"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { getEnvironmentByKey } from "@/lib/environments/queries";
import { applyParameterOverrides } from "@/lib/templates/overrides";

const PARAM_PREFIX = "param.";

const estimateSchema = z
  .object({ template: z.string().max(80), environment: z.string().max(40) })
  .catchall(z.string().max(4096))
  .transform(({ template, environment, ...rest }) => ({
    template,
    environment,
    overrides: Object.fromEntries(
      Object.entries(rest).filter(([k]) => k.startsWith(PARAM_PREFIX)).map(([k, v]) => [k.slice(PARAM_PREFIX.length), v]),
    ),
  }));

/** Re-estimates a template with user-chosen values; read-only, so anyone who can see the environment may. */
export const estimateTemplateAction = authorizedAction(estimateSchema, async (input, { actor }) => {
  const db = getDb();
  const environment = await getEnvironmentByKey(db, input.environment);
  const result = await applyParameterOverrides(db, { actor, template: input.template, environment, overrides: input.overrides, enforceRequired: false });
  return {
    message: "Estimated.",
    data: { monthlyTotal: result.estimate.monthlyTotal, monthlyDelta: result.diff.monthlyDelta, changes: result.diff.lines },
  };
}, { access: { requires: "stack:read", environment: environmentField() } });
