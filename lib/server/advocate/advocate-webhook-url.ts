import { getEnv } from "@/lib/env";

/** Where Advocate posts this integration's events (SPEC §11, PUBLIC_URL). */
export function advocateWebhookUrlOf(integrationId: string): string {
  const base = getEnv().PUBLIC_URL.replace(/\/+$/, "");
  return `${base}/api/webhooks/advocate/${integrationId}`;
}
