import "server-only";
import { jobPublisher } from "../../deployments/tracker/enqueue.ts";
import { sendVerification } from "./queues.ts";

/** The web app's way to queue a verification run: through the process's publisher-only pg-boss. */
export async function enqueueAuditVerification(verificationId: string): Promise<void> {
  await sendVerification(await jobPublisher(), verificationId);
}
