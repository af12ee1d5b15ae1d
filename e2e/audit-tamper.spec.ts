import pg from "pg";
import { DEMO, expect, test } from "./fixtures";
import { AuditPage } from "./pages/audit-page";
import { e2eRuntime } from "./support/runtime";

// The probe: "ALTER TABLE audit_events DISABLE TRIGGER …, then UPDATE … SET actor_label='mallory…'". The
// app's own connection is refused both; a DBA (the owner) can still do it, and the console's verification, run
// as a background job, names the edited entry. Putting the value back makes the log verify again.
test("a DBA's edit of an audit entry is refused to the app's role and found by Verify integrity", async ({ page, signInPage }) => {
  test.setTimeout(90_000);
  const runtime = e2eRuntime();
  await signInPage.signInAndWaitForShell(DEMO.admin);
  const app = new pg.Client({ connectionString: runtime.databaseUrl });
  const dba = new pg.Client({ connectionString: runtime.ownerUrl });
  await Promise.all([app.connect(), dba.connect()]);
  try {
    const { rows } = await dba.query(`SELECT seq, actor_label FROM audit_events WHERE action = 'auth.sign_in' ORDER BY seq DESC LIMIT 1`);
    const { seq, actor_label: original } = rows[0];
    await expect(app.query("ALTER TABLE audit_events DISABLE TRIGGER USER")).rejects.toThrow(/must be owner/);
    await expect(app.query(`UPDATE audit_events SET actor_label = 'mallory@example.com' WHERE seq = $1`, [seq])).rejects.toThrow(/permission denied/);

    const asDba = async (label: string) => {
      await dba.query("BEGIN");
      await dba.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
      await dba.query(`UPDATE audit_events SET actor_label = $1 WHERE seq = $2`, [label, seq]);
      await dba.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
      await dba.query("COMMIT");
    };
    await asDba("mallory@example.com");
    const audit = new AuditPage(page);
    await audit.goto();
    await expect(page.getByTestId("last-checkpoint")).toContainText(/Last verified checkpoint: entry [\d,]+/);
    const result = await audit.verifyIntegrity();
    await expect(result).toContainText("Tampering found", { timeout: 20_000 });
    await expect(result).toContainText(`entry ${seq} was edited: its content does not match its keyed hash`);
    await page.screenshot({ path: test.info().outputPath("tampered.png") });

    await asDba(original);
    await audit.goto();
    await expect(await audit.verifyIntegrity()).toContainText(/Intact: [\d,]+ entries verified/, { timeout: 20_000 });
  } finally {
    await Promise.all([app.end(), dba.end()]);
  }
});
