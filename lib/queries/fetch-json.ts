// The live lists' fetch: the session decides the scope, a signed-out answer and a route's
// `{ error: { message } }` become messages a person can read above the list.

export async function fetchJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" }, cache: "no-store" });
  if (response.status === 401) throw new Error("Your session has ended. Sign in again.");
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || body === null)
    throw new Error(body?.error?.message ?? `Refreshing failed (HTTP ${response.status}).`);
  return body;
}
