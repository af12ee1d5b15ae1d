import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy } from "./lib/http/security-headers";

// Runs before every page: a fresh CSP nonce (Next reads it from the request's Content-Security-Policy header and
// puts it on its scripts), and a first, cheap gate: no session cookie, no console page (redirect to sign-in). The
// real checks run on the server for every page, action and API call, with roles read from the database.
const PUBLIC_PAGES = ["/signin"];

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  // A server action call is answered by the action itself (authorizedAction: 401 as a form state saying the
  // session ended), which the form can show; a redirect to the sign-in page would break the call instead.
  const serverAction = req.method === "POST" && req.headers.has("next-action");
  if (!serverAction && !PUBLIC_PAGES.includes(pathname) && !(await getToken({ req, secret: process.env.NEXTAUTH_SECRET }))) {
    const signIn = new URL("/signin", req.nextUrl.origin);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: req.headers.get("x-forwarded-proto") === "https",
  });
  const headers = new Headers(req.headers);
  headers.set("Content-Security-Policy", csp);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
