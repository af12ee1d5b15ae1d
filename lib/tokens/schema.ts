import { z } from "zod";

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, "Give the token a name.").max(100).default("API token"),
    expiresInDays: z.coerce.number().int().min(1).max(365).optional(),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenIdSchema = z.object({ tokenId: z.uuid({ message: "Unknown token." }) }).strict();
