import { z } from "zod";

export const environmentQuerySchema = z.object({ environment: z.string().trim().min(1).max(40).default("staging") }).strict();
