import { randomUUID } from "node:crypto";
import { DEMO, expect, signedInContext, test } from "./fixtures";

// Bad input gets a clear JSON error with a stable code and changes nothing.
test("the API answers bad input with stable error codes and creates nothing", async ({ browser }) => {
  const context = await signedInContext(browser, DEMO.viewer);
  const api = context.request;
  const before = (await (await api.get("/api/v1/tokens")).json()).items.length;

  const malformed = await api.post("/api/v1/tokens", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error).toEqual({ code: "validation_failed", message: "The request body is not valid JSON." });

  const unknownField = await api.post("/api/v1/tokens", { data: { name: "x", admin: true } });
  expect(unknownField.status()).toBe(400);
  expect((await unknownField.json()).error.code).toBe("validation_failed");

  const tooLong = await api.post("/api/v1/tokens", { data: { name: "x".repeat(101) } });
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).error.fields.name).toBeDefined();

  const outOfRange = await api.post("/api/v1/tokens", { data: { name: "x", expiresInDays: 0 } });
  expect((await outOfRange.json()).error.fields.expiresInDays).toBeDefined();

  const wrongType = await api.post("/api/v1/tokens", { headers: { "content-type": "text/plain" }, data: '{"name":"x"}' });
  expect(wrongType.status()).toBe(415);
  expect((await wrongType.json()).error.code).toBe("unsupported_media_type");

  const huge = await api.post("/api/v1/tokens", { data: { name: "x", pad: "y".repeat(70_000) } });
  expect(huge.status()).toBe(413);

  const missing = await api.delete(`/api/v1/tokens/${randomUUID()}`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("not_found");
  const badId = await api.delete("/api/v1/tokens/not-a-uuid");
  expect(badId.status()).toBe(400);

  const badToken = await api.get("/api/v1/me", { headers: { Authorization: "Bearer sdk_made-up-token-value-123456" } });
  expect(badToken.status()).toBe(401); // a bad token is refused even with a valid session cookie

  expect((await (await api.get("/api/v1/tokens")).json()).items.length).toBe(before);
  await context.close();
});
