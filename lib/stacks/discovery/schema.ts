import { z } from "zod";

/** POST /api/v1/stacks/{name}/adopt and the stack page's Adopt form: which catalog template the stack is. */
export const adoptSchema = z.object({
  stackName: z.string().trim().min(1).max(128),
  template: z.string().trim().min(1).max(80),
}).strict();
export type AdoptInput = z.input<typeof adoptSchema>;
