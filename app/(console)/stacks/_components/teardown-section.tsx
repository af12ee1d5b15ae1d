import { getDb } from "@/lib/db/client";
import { can, type Actor } from "@/lib/auth/guard";
import { listTeardownSchedules } from "@/lib/teardown/queries";
import { TeardownForm } from "./teardown-form";
import { TeardownSchedules } from "./teardown-schedules";

/** issue 16: scheduled teardown of a stack (stackName) or of the whole environment, on the stack and Stacks pages. */
export async function TeardownSection({ actor, environment, stackName }: { actor: Actor; environment: { key: string; requiresApproval: boolean }; stackName?: string }) {
  const production = environment.key === "production" || environment.requiresApproval;
  const { items } = await listTeardownSchedules(getDb(), actor, { environment: environment.key, stackName });
  const mayChange = can(actor, "change:deploy", environment);
  return (
    <section aria-labelledby="teardown" className="space-y-3">
      <h2 id="teardown" className="text-base font-semibold">Scheduled teardown</h2>
      {production ? (
        <p className="text-sm text-slate-600">{environment.key} keeps running: teardown schedules are for staging only.</p>
      ) : (
        <>
          <TeardownSchedules schedules={items} mayChange={mayChange} />
          {mayChange ? <TeardownForm environment={environment.key} stackName={stackName} /> : null}
        </>
      )}
    </section>
  );
}
