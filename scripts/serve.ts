// The HTTP front of the console, used by `npm start`, `npm run dev` and the e2e server instead of `next start` /
// `next dev`: Next.js in this process behind a plain Node server, because only the server sees the TCP peer.
// For every request it derives the client's address (lib/http/client-ip.ts) and the protocol, overwrites the
// headers the app reads them from (whatever a client sent in them is dropped), then hands the request to Next.
// Usage: tsx scripts/serve.ts [--dev] [--port P] [--hostname H]   (no --conditions=react-server: Next loads React itself)
import { createServer, type IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { CLIENT_IP_HEADER, deriveClientIp, markFrontServer, proxyTrustFromEnv, viaTrustedProxy } from "../lib/http/client-ip.ts";
import { ROOT } from "./lib/paths.ts";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const dev = process.argv.includes("--dev");
const port = Number(option("port") ?? process.env.PORT ?? 3000);
const hostname = option("hostname") ?? process.env.HOSTNAME ?? undefined;
const trust = proxyTrustFromEnv();

/** The request as the app may believe it: our client IP header, and X-Forwarded-Proto only from a trusted proxy. */
function rewriteHeaders(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress;
  const ip = deriveClientIp(peer, req.headers["x-forwarded-for"], trust);
  if (ip) req.headers[CLIENT_IP_HEADER] = ip;
  else delete req.headers[CLIENT_IP_HEADER];
  const encrypted = (req.socket as TLSSocket).encrypted === true;
  const forwardedProto = String(req.headers["x-forwarded-proto"] ?? "").split(",").at(-1)?.trim();
  req.headers["x-forwarded-proto"] = viaTrustedProxy(peer, trust) && (forwardedProto === "https" || forwardedProto === "http") ? forwardedProto : encrypted ? "https" : "http";
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production"; // before Next loads (its React builds follow it)
  markFrontServer();
  const { default: next } = await import("next");
  const server = createServer();
  const app = next({ dev, dir: ROOT, port, hostname, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on("request", (req, res) => {
    rewriteHeaders(req);
    handle(req, res).catch((error: unknown) => {
      console.error(`${req.method} ${req.url} failed`, error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.listen(port, hostname, () => {
    const address = server.address();
    const bound = typeof address === "object" && address ? address.port : port; // --port 0: the one the OS chose
    console.log(`ready on http://${hostname ?? "localhost"}:${bound} (${dev ? "development" : "production"}; client IP: ${trust.describe})`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections(); // live SSE streams would keep close() waiting forever
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error) => {
  console.error(`could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
