import { z } from "zod";
import type { AccessRule } from "@/lib/auth/authorize-first";

/** Destinations and deliveries: admins of every environment (lib/notifications checks it again). */
export const NOTIFICATIONS_ACCESS: AccessRule = { requires: "notifications:manage" };

export const destinationListQuerySchema = z.object({ environment: z.string().trim().min(1).max(40).optional() }).strict();
