import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { alarmsInAlarmFor } from "@/lib/alarms/queries";
import { Notice } from "@/components/ui/notice";

/**
 * "1 alarm of this stack is in ALARM: …" for a deployment preview or an approval request; nothing when all is
 * well. Reads the stored alarm states (refreshed every minute), never CloudWatch. The caller has already checked
 * that the viewer may read the stack.
 */
export async function AlarmWarning({ stackName }: { stackName: string }) {
  const alarms = await alarmsInAlarmFor(getDb(), stackName);
  if (alarms.length === 0) return null;
  const environment = alarms[0]!.environment;
  const guarded = (await getDb().environment.findUnique({ where: { key: environment }, select: { requiresApproval: true } }))?.requiresApproval;
  const count = alarms.length === 1 ? "1 alarm of this stack is" : `${alarms.length} alarms of this stack are`;
  return (
    <Notice tone="red">
      <span className="font-medium">{count} in ALARM:</span>{" "}
      {alarms.map((a, i) => (
        <span key={a.name}>
          {i ? ", " : ""}
          <Link href={`/alarms/${encodeURIComponent(a.name)}?env=${environment}`} className="underline">{a.name}</Link>
          {a.stateReason ? ` (${a.stateReason})` : ""}
        </span>
      ))}
      . Check {alarms.length === 1 ? "it" : "them"} before deploying{guarded ? "; an alarm already in ALARM is not used as a rollback trigger for this change" : ""}.
    </Notice>
  );
}
