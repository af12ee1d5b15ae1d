import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readBodyText } from "./body.ts";

/** A body that would be `total` bytes, sent in 16 KiB chunks, counting how many the reader pulled. */
function streamingRequest(total: number, headers: Record<string, string> = {}) {
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled * chunk.byteLength >= total) return controller.close();
      pulled++;
      controller.enqueue(chunk);
    },
  });
  const req = new Request("http://localhost/api/v1/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled };
}

describe("readBodyText", () => {
  it("stops reading as soon as the body passes the limit, however much more the client sends", async () => {
    const { req, pulled } = streamingRequest(50 * 1024 * 1024);
    await expect(readBodyText(req)).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
    expect(pulled() * 16 * 1024).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * 16 * 1024);
  });

  it("refuses a declared Content-Length over the limit without reading anything", async () => {
    const { req, pulled } = streamingRequest(1024 * 1024, { "content-length": String(1024 * 1024) });
    await expect(readBodyText(req)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("reads a body within the limit whole", async () => {
    const { req } = streamingRequest(32 * 1024);
    expect((await readBodyText(req)).length).toBe(32 * 1024);
  });
});
