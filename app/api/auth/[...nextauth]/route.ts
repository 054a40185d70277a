import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";

// GET|POST /api/auth/* – next-auth's sign-in, callback, session and sign-out endpoints
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
