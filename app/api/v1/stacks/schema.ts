import { z } from "zod";

export const stackNameSchema = z.object({ stackName: z.string().trim().min(1).max(128) }).strict();
