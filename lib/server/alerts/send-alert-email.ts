import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";
import type { ChannelResult } from "@/lib/views/alert-view";

export type SmtpSettings = { url: string; from: string };

/**
 * SMTP_URL without its `from` parameter, and the sender: `?from=` or alerts@ PUBLIC_URL's host. Null when
 * SMTP_URL is unset: email is off.
 */
export function smtpSettingsOf(env: { SMTP_URL?: string; PUBLIC_URL: string } = getEnv()): SmtpSettings | null {
  if (!env.SMTP_URL) return null;
  const url = new URL(env.SMTP_URL);
  const from = url.searchParams.get("from") || `alerts@${new URL(env.PUBLIC_URL).hostname}`;
  url.searchParams.delete("from");
  return { url: url.toString(), from };
}

/** No SMTP server gets to hold the dispatcher for long. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export const EMAIL_OFF_REASON = "SMTP_URL is not set on this portal, so alert emails are off.";

/**
 * One plain-text email through SMTP_URL (SPEC §12). Never throws: a refused login or an unreachable server
 * comes back as the reason, which names the SMTP server's answer but never the credentials.
 */
export async function sendAlertEmail(to: string, subject: string, text: string): Promise<ChannelResult> {
  const smtp = smtpSettingsOf();
  if (!smtp) return { status: "off", reason: EMAIL_OFF_REASON };
  const transport = nodemailer.createTransport({ url: smtp.url, ...SMTP_TIMEOUTS });
  try {
    await transport.sendMail({ from: smtp.from, to, subject, text });
    return { status: "sent" };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { status: "failed", reason: `the email could not be sent (${code ?? "error"}: ${message.slice(0, 200)})` };
  } finally {
    transport.close();
  }
}
