import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO, expect, signedInContext, test } from "./fixtures";
import { NotificationsPage } from "./pages/notifications-page";

// An admin points a webhook at a receiver this spec runs, sends a test, and sees the delivery with its status
// code; the receiver checks the signature. A second destination that answers 503 shows the retry.

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
}

async function receiver(status: number) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stackdeck-hook`;
  return { url, hits, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

test("an admin adds a webhook, sends a test, and sees the signed delivery with its status code", async ({ browser }) => {
  const ok = await receiver(200);
  const failing = await receiver(503);
  const context = await signedInContext(browser, DEMO.admin);
  const page = await context.newPage();
  const notifications = new NotificationsPage(page);
  const secret = "e2e-shared-secret-0123456789";
  try {
    await notifications.goto();
    await expect(page.getByText("No destinations yet")).toBeVisible();

    // A URL that is not http(s) is refused with a sentence, and nothing is added.
    const form = notifications.form();
    await form.getByLabel("URL").fill("ftp://example.com/hook");
    await form.getByRole("checkbox", { name: /deployment\.failed/ }).check();
    await form.getByRole("button", { name: "Add destination" }).click();
    await expect(form.getByText("Use an http:// or https:// URL.")).toBeVisible();

    await notifications.addDestination({ environment: "staging", kind: "Webhook (signed JSON)", url: ok.url, secret, events: ["deployment\\.failed", "approval\\.requested"] });
    await notifications.addDestination({ environment: "staging", kind: "Webhook (signed JSON)", url: failing.url, events: ["deployment\\.failed"] });
    await expect(page.getByTestId("new-secret")).toHaveText(/^whsec_/); // generated for the second, shown once
    await expect(notifications.destination(ok.url)).toContainText("deployment.failed");
    await expect(notifications.destination(ok.url)).not.toContainText(secret);

    await notifications.sendTest(ok.url);
    await notifications.sendTest(failing.url);
    await notifications.waitForDelivery(ok.url, 200);
    await notifications.waitForDelivery(failing.url, 503);
    await expect(notifications.deliveries().filter({ hasText: failing.url }).first()).toContainText("retrying");

    expect(ok.hits).toHaveLength(1);
    const [hit] = ok.hits;
    expect(hit!.headers["x-stackdeck-event"]).toBe("stackdeck.test");
    expect(hit!.headers["x-stackdeck-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(hit!.body).digest("hex")}`);
    const body = JSON.parse(hit!.body);
    expect(body).toMatchObject({ event: "stackdeck.test", environment: "staging", actor: DEMO.admin });
    expect(body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/settings\/notifications$/);

    const api = await page.request.get("/api/v1/notifications/deliveries?limit=10");
    expect(api.status()).toBe(200);
    const { items } = (await api.json()) as { items: { url: string; statusCode: number | null }[] };
    expect(items.find((a) => a.url === ok.url)?.statusCode).toBe(200);
    await page.screenshot({ path: test.info().outputPath("notification-settings.png"), fullPage: true });
  } finally {
    // Shared database: leave no destination behind for later specs.
    const list = await page.request.get("/api/v1/notifications/destinations");
    for (const d of ((await list.json()) as { items: { id: string; url: string } [] }).items ?? []) {
      if (d.url === ok.url || d.url === failing.url) await page.request.delete(`/api/v1/notifications/destinations/${d.id}`);
    }
    await context.close();
    await ok.close();
    await failing.close();
  }
});
