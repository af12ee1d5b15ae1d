"use server";

import { redirect } from "next/navigation";
import { authorizedAction } from "@/lib/auth/action";
import { environmentField } from "@/lib/auth/authorize-first";
import { getDb } from "@/lib/db/client";
import { planFormSchema } from "@/lib/plans/schema";
import { startPlan } from "@/lib/plans/start";

export const planPlatformAction = authorizedAction(
  planFormSchema,
  async (input, { actor, meta }) => {
    const plan = await startPlan(getDb(), { actor, meta, input });
    redirect(`/plans/${plan.id}`);
  },
  { access: { requires: "change:preview", environment: environmentField() } },
);
