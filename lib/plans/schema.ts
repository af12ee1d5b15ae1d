import { z } from "zod";

const parameterValue = z.union([z.string().max(4096), z.number(), z.boolean()]).transform(String);

/** POST /api/v1/plans and the Environment page's "Plan the platform". */
export const createPlanSchema = z
  .object({
    environment: z.string().trim().min(1).max(40).describe("environment key, e.g. staging or production"),
    action: z.enum(["apply", "promote", "destroy"]).describe("apply: create or update every stack; promote: bring what runs in `from` here; destroy: delete every stack"),
    from: z.string().trim().min(1).max(40).optional().describe("promote: the environment whose template versions and changed parameters to bring"),
    parameters: z
      .record(z.string().max(80), z.record(z.string().max(255), parameterValue))
      .default({})
      .describe("values the profile leaves to the user, per template: { iam: { GitHubRepository: \"acme/shop\" } }"),
    execute: z.boolean().default(false).describe("apply as soon as it may (after approval where required)"),
    note: z.string().trim().max(1000).optional().describe("why: shown on the plan, used as the approval reason"),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.action === "promote" && !v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "Name the environment to promote from." });
    if (v.action !== "promote" && v.from) ctx.addIssue({ code: "custom", path: ["from"], message: "Only a promotion comes from another environment." });
    if (v.from && v.from === v.environment) ctx.addIssue({ code: "custom", path: ["from"], message: "Promote from a different environment." });
  });
export type CreatePlanInput = z.input<typeof createPlanSchema>;
export type CreatePlan = z.infer<typeof createPlanSchema>;

export const planRefSchema = z.object({ planId: z.uuid() }).strict();
export type PlanRef = z.input<typeof planRefSchema>;

export const planDecisionSchema = z.object({ planId: z.uuid(), comment: z.string().trim().min(1, "Say why.").max(1000) }).strict();
export type PlanDecisionInput = z.input<typeof planDecisionSchema>;

export const listPlansSchema = z
  .object({ environment: z.string().trim().min(1).max(40).default("staging"), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();

/** The Environment page's "Plan the platform" form: `param:<template>:<Key>` fields become `parameters`. */
export const planFormSchema = z
  .record(z.string(), z.string())
  .transform((f) => {
    const parameters: Record<string, Record<string, string>> = {};
    for (const [name, value] of Object.entries(f)) {
      const m = /^param:([a-z0-9-]+):([A-Za-z0-9]+)$/.exec(name);
      if (m && value.trim() !== "") (parameters[m[1]!] ??= {})[m[2]!] = value.trim();
    }
    return {
      environment: f.environment ?? "",
      action: (f.action ?? "apply") as CreatePlan["action"],
      ...(f.from ? { from: f.from } : {}),
      execute: f.execute === "on" || f.execute === "true",
      ...(f.note ? { note: f.note } : {}),
      parameters,
    } satisfies CreatePlanInput;
  }); // createPlan parses the result with createPlanSchema (one set of rules for the form and the API)

