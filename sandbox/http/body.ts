import type { IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { AwsError } from "../core/contracts.ts";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The request body as text; CloudWatch's PutMetricData gzips bodies above ~10 KiB (Content-Encoding: gzip). */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AwsError("RequestEntityTooLarge", "Request body is too large.", 413);
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const encoding = String(request.headers["content-encoding"] ?? "").toLowerCase();
  if (encoding === "gzip") {
    try {
      return gunzipSync(raw).toString("utf8");
    } catch {
      throw new AwsError("SerializationException", "Request body is not valid gzip data.");
    }
  }
  return raw.toString("utf8");
}
