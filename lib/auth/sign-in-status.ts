import { AsyncLocalStorage } from "node:async_hooks";

// next-auth answers every failed authorize() the same way (its JSON with the message in the URL); a
// throttled or crowded sign-in should still reach the client as HTTP 429. authorize() notes the status
// here and the /api/auth route applies it to next-auth's response.
const storage = new AsyncLocalStorage<{ status?: number }>();

export async function withSignInStatus(run: () => Promise<Response>): Promise<Response> {
  const store: { status?: number } = {};
  const response = await storage.run(store, run);
  if (!store.status || !response.ok) return response;
  return new Response(response.body, { status: store.status, headers: response.headers });
}

export function noteSignInStatus(status: number): void {
  const store = storage.getStore();
  if (store) store.status = status;
}
