"use server";

import { z } from "zod";
import { authorizedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { createUserSchema, grantSchema, userRefSchema } from "@/lib/users/schema";
import { createUser, grantRole, revokeRole, setUserDisabled } from "@/lib/users/commands";
import { tokenIdSchema } from "@/lib/tokens/schema";
import { revokeApiToken } from "@/lib/tokens/commands";

// Each action: access rule -> parse -> one domain command (which authorizes with the guard and audits) -> revalidate.
const MANAGE_USERS = { requires: "users:manage" } as const;

export const createUserAction = authorizedAction(
  createUserSchema,
  async (input, { actor, meta }) => {
    await createUser(getDb(), { actor, input, meta });
    return { message: `User ${input.email} created.` };
  },
  { access: MANAGE_USERS, revalidate: "/admin" },
);

export const grantRoleAction = authorizedAction(
  grantSchema,
  async (input, { actor, meta }) => {
    await grantRole(getDb(), { actor, input, meta });
    return { message: `Granted ${input.role} (${input.environment === "*" ? "all environments" : input.environment}) to ${input.email}.` };
  },
  { access: MANAGE_USERS, revalidate: "/admin" },
);

export const revokeRoleAction = authorizedAction(
  grantSchema,
  async (input, { actor, meta }) => {
    await revokeRole(getDb(), { actor, input, meta });
    return { message: `Revoked ${input.role} from ${input.email}.` };
  },
  { access: MANAGE_USERS, revalidate: "/admin" },
);

export const setUserDisabledAction = authorizedAction(
  userRefSchema.extend({ disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async (input, { actor, meta }) => {
    await setUserDisabled(getDb(), { actor, input, meta });
    return { message: `${input.email} ${input.disabled ? "disabled" : "enabled"}.` };
  },
  { access: MANAGE_USERS, revalidate: "/admin" },
);

/** Any user's token, from the Admin page (users revoke their own under Settings); revokeApiToken records `token.revoked`. */
export const revokeUserTokenAction = authorizedAction(
  tokenIdSchema,
  async ({ tokenId }, { actor, meta }) => {
    await revokeApiToken(getDb(), { actor, tokenId, meta });
    return { message: "Token revoked." };
  },
  { access: MANAGE_USERS, revalidate: "/admin" },
);
