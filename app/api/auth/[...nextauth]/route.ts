import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";
import { withSignInStatus } from "@/lib/auth/sign-in-status";

// GET|POST /api/auth/* – next-auth's sign-in, callback, session and sign-out endpoints (throttled sign-ins: 429)
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return withSignInStatus(() => NextAuth(getAuthOptions())(request, context));
}

export { handler as GET, handler as POST };
