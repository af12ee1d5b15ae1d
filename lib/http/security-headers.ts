// The browser-side half of the security model. Pages get a Content-Security-Policy with a fresh nonce per request
// (proxy.ts; Next puts the nonce on its own scripts), so an injected <script> cannot run and nothing may frame the
// console (clickjacking an approval). next.config.ts adds the static headers below to every response.

/**
 * `strict-dynamic` + nonce: only scripts Next rendered with this response's nonce run, and what they load.
 * Inline style *attributes* stay allowed (React renders style props, e.g. progress widths, as attributes; a
 * nonce cannot cover attributes), inline <style> elements need the nonce. `dev` only: React's dev build and HMR
 * need eval and a websocket, and Next's dev overlay injects <style> elements without a nonce (browsers ignore
 * 'unsafe-inline' next to a nonce, so dev drops the style nonce).
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    options.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** API responses are data, never documents: nothing may load from them or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" }, // frame-ancestors for browsers that predate CSP 2
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Only sent over HTTPS (as the front server determined it): HSTS over plain HTTP is ignored or, worse, sticks to a dev host. */
export const HSTS_HEADER = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };
