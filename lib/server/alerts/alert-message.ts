import { redactSecrets } from "@/lib/mapping/redact";
import { ALERT_ADVICE, ALERT_TITLES, type AlertKindName, alertEventsPath } from "@/lib/views/alert-view";

export type AlertMessageInput = {
  kind: AlertKindName;
  integrationId: string;
  siteUrl: string;
  /** Occurrences since the previous message of this integration and kind. */
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  detail: string | null;
};

export type AlertMessage = { subject: string; text: string };

const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * Removes every secret the message could have picked up from upstream text (impact.com or Stripe echoing a
 * value): the integration's own secrets by value, and anything shaped like a Stripe key or signing secret.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) if (secret.length >= 4) scrubbed = scrubbed.replaceAll(secret, "***");
  return redactSecrets(scrubbed);
}

/**
 * The one message of an alert (email and webhook alike, SPEC §12): what happened to which integration, how
 * often since the last message, first and last time, the latest cause, what to do, and links to the
 * matching events and the integration. Plain text, for email and for Slack's `text` alike.
 */
export function composeAlertMessage(
  alert: AlertMessageInput,
  publicUrl: string,
  secrets: readonly string[] = [],
): AlertMessage {
  const base = publicUrl.replace(/\/+$/, "");
  const times = alert.count === 1 ? "Once" : `${alert.count} times`;
  const lines = [
    `${ALERT_TITLES[alert.kind]}: ${alert.siteUrl}`,
    `${times} since the last message (first seen ${utc(alert.firstSeenAt)}, last seen ${utc(alert.lastSeenAt)}).`,
    ...(alert.detail ? [`Latest: ${alert.detail}`] : []),
    ALERT_ADVICE[alert.kind],
    `Events: ${base}${alertEventsPath(alert)}`,
    `Integration: ${base}/integrations/${alert.integrationId}`,
  ];
  return {
    subject: scrubSecrets(`Alert: ${ALERT_TITLES[alert.kind]} (${alert.siteUrl})`, secrets),
    text: scrubSecrets(lines.join("\n"), secrets),
  };
}
