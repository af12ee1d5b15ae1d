"use server";

import { authorizedAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { destinationFormSchema, destinationIdSchema } from "@/lib/notifications/schema";
import { createDestination, deleteDestination, sendTestNotification } from "@/lib/notifications/commands";

const access = { requires: "notifications:manage" } as const;
const revalidate = "/settings/notifications";

export const createDestinationAction = authorizedAction(
  destinationFormSchema,
  async (input, { actor, meta }) => {
    const created = await createDestination(getDb(), { actor, input, meta });
    return created.secret
      ? { message: "Destination added. Copy its signing secret now: it will not be shown again.", data: { secret: created.secret } }
      : { message: "Destination added." };
  },
  { access, revalidate },
);

export const deleteDestinationAction = authorizedAction(
  destinationIdSchema,
  async (input, { actor, meta }) => {
    await deleteDestination(getDb(), { actor, input, meta });
    return { message: "Destination deleted." };
  },
  { access, revalidate },
);

export const sendTestNotificationAction = authorizedAction(
  destinationIdSchema,
  async (input, { actor, meta }) => {
    await sendTestNotification(getDb(), { actor, input, meta });
    return { message: "Test queued; its delivery appears below within a few seconds." };
  },
  { access, revalidate },
);
