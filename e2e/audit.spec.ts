import { readFile } from "node:fs/promises";
import { DEMO, expect, signedInContext, test } from "./fixtures";
import { AuditPage } from "./pages/audit-page";

test("an admin searches the audit log, opens an entry, exports it as CSV and verifies the chain", async ({ browser }) => {
  const context = await signedInContext(browser, DEMO.admin);
  const page = await context.newPage();
  const audit = new AuditPage(page);
  await audit.goto();

  await audit.filter({ "Actor (email)": DEMO.admin, Action: "auth." });
  await expect(audit.entries().first()).toBeVisible();
  const rows = await audit.entries().all();
  for (const row of rows) {
    await expect(row).toContainText(DEMO.admin);
    await expect(row).toContainText("auth.sign_in");
  }
  expect(new URL(page.url()).searchParams.get("action")).toBe("auth.");

  const seq = await audit.openFirstEntry();
  await expect(page.getByTestId("audit-details")).toContainText('"method"');
  await expect(page.getByRole("definition").filter({ hasText: /^[0-9a-f]{64}$/ }).first()).toBeVisible();
  await page.goBack();

  const download = await audit.download("CSV");
  expect(download.suggestedFilename()).toMatch(/^stackdeck-audit-[\d-]+\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const [header, ...lines] = csv.trimEnd().split("\r\n");
  expect(header).toBe("seq,occurredAt,actorType,actorLabel,actorUserId,actorTokenId,action,targetType,targetId,environment,sourceIp,userAgent,details,prevHash,hash");
  expect(lines.length).toBeGreaterThanOrEqual(rows.length); // the page shows 50; the export has them all
  expect(lines[0]!.startsWith(`${seq},`)).toBe(true);
  for (const line of lines) expect(line).toContain(`,${DEMO.admin},`);

  const result = await audit.verifyIntegrity();
  await expect(result).toContainText(/Intact: [\d,]+ entries verified/);

  // The export is itself on the record, with the filter it used.
  await audit.goto();
  await audit.filter({ Action: "audit.exported" });
  await expect(audit.entries().first()).toContainText(DEMO.admin);
  await expect(audit.entries().first()).toContainText("auth.");
  await context.close();
});

test("the audit API, its export and the page refuse a viewer", async ({ browser }) => {
  const viewer = await signedInContext(browser, DEMO.viewer);
  for (const url of ["/api/v1/audit", "/api/v1/audit/export?format=csv", "/api/v1/audit/export?format=jsonl"]) {
    const response = await viewer.request.get(url);
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  }
  const page = await viewer.newPage();
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Administrators only" })).toBeVisible();
  await viewer.close();
});
