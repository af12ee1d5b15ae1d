import { z } from "zod";
import { ROLES, ALL_ENVIRONMENTS } from "../auth/roles.ts";
import { emailSchema, nameSchema, passwordSchema } from "../validation.ts";

export const environmentScopeSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^(\*|[a-z][a-z0-9-]*)$/, "Choose an environment or * for all.")
  .default(ALL_ENVIRONMENTS);

export const createUserSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    password: passwordSchema,
    role: z.enum(ROLES).optional(),
    environment: environmentScopeSchema,
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const grantSchema = z
  .object({ email: emailSchema, role: z.enum(ROLES), environment: environmentScopeSchema })
  .strict();
export type GrantInput = z.infer<typeof grantSchema>;

export const userRefSchema = z.object({ email: emailSchema }).strict();
