import { z } from "zod";

// An environment's AWS target as an admin sets it (Environments page and PUT /api/v1/environments/{key}): one schema
// for the form and the handler.

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().nullable().optional());

export const environmentTargetSchema = z
  .object({
    accountId: z.string().trim().regex(/^\d{12}$/, "An AWS account id is 12 digits."),
    region: z.string().trim().regex(REGION, "A region looks like us-east-1."),
    roleArn: optionalText.pipe(z.string().regex(ROLE_ARN, "A role ARN looks like arn:aws:iam::123456789012:role/name.").nullable().optional()),
    externalId: optionalText.pipe(z.string().min(2).max(1224).regex(/^[\w+=,.@:/-]*$/, "2-1224 characters: letters, digits and +=,.@:/-").nullable().optional()),
    sessionDurationSeconds: z.coerce.number().int().min(900, "At least 900 seconds (STS's minimum).").max(43200, "At most 43200 seconds (12 hours, STS's maximum)."),
    serviceRoleArn: optionalText.pipe(z.string().regex(ROLE_ARN, "A role ARN looks like arn:aws:iam::123456789012:role/name.").nullable().optional()),
  })
  .superRefine((value, ctx) => {
    for (const key of ["roleArn", "serviceRoleArn"] as const) {
      const arn = value[key];
      if (arn && arn.split(":")[4] !== value.accountId) {
        ctx.addIssue({ code: "custom", path: [key], message: `The role must be in account ${value.accountId}.` });
      }
    }
  });
export type EnvironmentTargetInput = z.infer<typeof environmentTargetSchema>;
