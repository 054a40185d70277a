// Recorded requests are shown to brands and support staff, so credentials never reach the log: the
// impact.com Basic credentials keep only the Account SID, and anything shaped like a Stripe secret
// (secret key, restricted key, webhook signing secret) is masked wherever it appears.

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | null;
}

const MASK = "***";
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
const STRIPE_KEY = /(?<![A-Za-z0-9])(sk|rk)_(live|test)_[A-Za-z0-9]+/g;
const STRIPE_KEY_OTHER = /(?<![A-Za-z0-9])(sk|rk)_(?!(?:live|test)_\*)[A-Za-z0-9_]{12,}/g;
const WEBHOOK_SECRET = /(?<![A-Za-z0-9])whsec_(?!\*)[A-Za-z0-9+/=%_-]+/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A copy of the request with credentials masked; idempotent. */
export function redactRecordedRequest<T extends RecordedRequest>(request: T): T {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === "authorization" || lower === "proxy-authorization") headers[name] = redactAuthorization(value);
    else if (CREDENTIAL_HEADERS.has(lower)) headers[name] = MASK;
    else headers[name] = redactSecrets(value);
  }
  return {
    ...request,
    url: redactSecrets(request.url),
    headers,
    body: request.body == null ? request.body : redactSecrets(request.body),
  };
}

/**
 * `Basic base64(sid:token)` → `Basic <sid>:***` (the SID identifies the account and is no secret);
 * `Bearer …` → `Bearer ***`; any other scheme or an undecodable value → `***`.
 */
export function redactAuthorization(value: string): string {
  const [scheme = "", credentials = ""] = value.trim().split(/\s+/, 2);
  if (/^basic$/i.test(scheme)) {
    if (credentials.endsWith(`:${MASK}`)) return `Basic ${credentials}`;
    const sid = basicUser(credentials);
    return sid ? `Basic ${sid}:${MASK}` : `Basic ${MASK}`;
  }
  if (/^bearer$/i.test(scheme)) return `Bearer ${MASK}`;
  return MASK;
}

/** Masks Stripe secret keys (`sk_live_***`), restricted keys (`rk_test_***`) and `whsec_***` in any text. */
export function redactSecrets(text: string): string {
  return text
    .replace(STRIPE_KEY, (_match, kind: string, mode: string) => `${kind}_${mode}_${MASK}`)
    .replace(STRIPE_KEY_OTHER, (_match, kind: string) => `${kind}_${MASK}`)
    .replace(WEBHOOK_SECRET, `whsec_${MASK}`);
}

function basicUser(credentials: string): string | null {
  if (!BASE64.test(credentials)) return null;
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  const user = decoded.slice(0, colon);
  // A SID is printable ASCII; anything else means the header was not what it claimed to be.
  return /^[\x21-\x7e]+$/.test(user) ? user : null;
}
