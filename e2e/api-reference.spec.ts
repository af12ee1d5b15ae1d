import type { z } from "zod";
import { DEMO, expect, signedInContext, test } from "./fixtures";
import { auditPage, me, tokenList } from "../app/api/v1/_openapi/account-responses";
import { catalog, templateDetail } from "../app/api/v1/_openapi/catalog-responses";
import { API_OPERATIONS } from "../app/api/v1/_openapi/operations";
import { planDetail, planList } from "../app/api/v1/_openapi/plan-operations";
import { alarmPage, deploymentSummary, deploymentWithApproval, page as pageOf, stackDetail, stackSummary } from "../app/api/v1/_openapi/responses";

// The OpenAPI document and the reference page describe the API that is served: real responses parse with the
// documented (strict) response schemas, so an undocumented or missing field fails here.

test("openapi.json is OpenAPI 3.1 and real responses match the documented schemas", async ({ browser }) => {
  const admin = await signedInContext(browser, DEMO.admin);
  const api = admin.request;
  const document = await (await api.get("/api/v1/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/v1/deployments/{id}/events");

  const check = async (url: string, schema: z.ZodType) => {
    const response = await api.get(url);
    expect(response.status(), url).toBe(200);
    const parsed = schema.safeParse(await response.json());
    expect(parsed.success, `${url}: ${parsed.error?.message}`).toBe(true);
    return parsed.data as never;
  };
  await check("/api/v1/me", me);
  await check("/api/v1/tokens", tokenList);
  await check("/api/v1/templates?environment=staging", catalog);
  await check("/api/v1/templates/database?environment=production", templateDetail);
  await check("/api/v1/alarms?environment=staging", alarmPage);
  await check("/api/v1/audit?limit=20", auditPage);
  const stacks: { items: { name: string }[] } = await check("/api/v1/stacks?environment=production", pageOf(stackSummary));
  const deployments: { items: { id: string }[] } = await check("/api/v1/deployments?environment=production", pageOf(deploymentSummary));
  if (stacks.items[0]) await check(`/api/v1/stacks/${stacks.items[0].name}`, stackDetail);
  if (deployments.items[0]) await check(`/api/v1/deployments/${deployments.items[0].id}`, deploymentWithApproval);
  // Issue 15: plans.
  const plans: { items: { id: string }[] } = await check("/api/v1/plans?environment=staging", planList);
  if (plans.items[0]) await check(`/api/v1/plans/${plans.items[0].id}`, planDetail);
  await admin.close();
});

test("the API reference page lists every endpoint with its fields and errors", async ({ page, signInPage }) => {
  await signInPage.signInAndWaitForShell(DEMO.viewer);
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  const endpoints = page.getByRole("navigation", { name: "Endpoints" });
  await expect(endpoints.getByRole("link")).toHaveCount(API_OPERATIONS.length);
  await endpoints.getByRole("link", { name: "POST /deployments", exact: true }).click();
  const create = page.getByRole("region", { name: /^POST \/api\/v1\/deployments — Preview a change/ });
  await expect(create.getByRole("table", { name: "Request body of POST /api/v1/deployments" })).toContainText("clientToken");
  await expect(create).toContainText("Access: deployer (or admin) in the environment");
  await expect(create).toContainText("409 conflict");
  await expect(page.getByRole("table", { name: "Error codes" })).toContainText("validation_failed");
});
