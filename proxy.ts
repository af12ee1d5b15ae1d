import { withAuth } from "next-auth/middleware";

// A first, cheap gate: no session cookie, no console page (redirect to sign-in). The real checks run on the
// server for every page, action and API call, with roles read from the database.
export default withAuth({ pages: { signIn: "/signin" } });

export const config = {
  matcher: ["/((?!api|signin|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico)$).*)"],
};
