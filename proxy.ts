// Security headers on every page and route, with a fresh nonce per request for Next's own scripts.
import { type NextRequest, NextResponse } from "next/server";
import { getEnv } from "@/lib/env";

/** The policy for one response; Next reads the nonce back from the request's copy of this header. */
export function buildContentSecurityPolicy(nonce: string, { isDevelopment = false } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load the chunks it needs; dev's React debugging uses eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (Next's default error pages, the route announcer) cannot carry a nonce, and a
    // nonce in style-src would switch 'unsafe-inline' off; styles cannot run script, so this is the usual trade.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// Powerful features the portal never uses, off for it and anything it could embed.
export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=(), fullscreen=(self)";

/** True when `pathname` is not valid percent-encoding (`/events/%E0%A4%A`): no page or route can read it. */
export function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest): NextResponse | Response {
  // Before anything else: no dynamic page or route can decode its params from such a path (issue 15: a 500).
  if (isMalformedPath(request.nextUrl.pathname)) {
    return new Response("Bad request: the address is not valid percent-encoding.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const env = getEnv();
  const policy = buildContentSecurityPolicy(nonce, { isDevelopment: env.NODE_ENV === "development" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });

  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("Permissions-Policy", PERMISSIONS_POLICY);
  // Only once the portal is served over https: HSTS on a loopback http build would pin nothing useful.
  if (env.NODE_ENV === "production" && env.PUBLIC_URL.startsWith("https:")) {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  // Everything but the build's immutable static files, which carry no HTML and get the static headers
  // from next.config.mjs.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
