import "server-only";
import { verifyAdvocateSignature } from "@/lib/advocate/verify-webhook-signature";
import { type AdvocateWebhook, AdvocateWebhookSchema } from "@/lib/advocate/webhook-schema";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { getJobRunner } from "@/lib/jobs/get-job-runner";
import { planAdvocateEvent } from "@/lib/server/advocate/plan-advocate-event";
import { type StoredAdvocateEvent, storeAdvocateEvent } from "@/lib/server/advocate/store-advocate-event";

const INTEGRATION_ID = /^[A-Za-z0-9_-]{1,128}$/;

export type AdvocateWebhookReceipt = StoredAdvocateEvent & { advocateEventId: string; type: string };

const notConnected = () => new AppError("NOT_FOUND", "no Advocate connection for this integration");

function parseEnvelope(rawBody: string): AdvocateWebhook {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError("BAD_REQUEST", "the body is not JSON");
  }
  const parsed = AdvocateWebhookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
    throw new AppError("BAD_REQUEST", `not an Advocate webhook envelope${where}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/**
 * Intake (SPEC §11): the integration must have an Advocate connection (else 404), the signature must
 * verify over the raw body (else 400 with the reason; an unreadable JWKS is a 503 so Advocate retries),
 * the envelope must parse and name the connected tenant (else 400); nothing is stored before all of
 * that. Then the event and its credit are stored in one transaction and handed to the runner after
 * commit. Any throw that is not an AppError means "not stored" and must become a 5xx.
 */
export async function receiveAdvocateWebhook(
  integrationId: string,
  rawBody: string,
  signature: string | null,
): Promise<AdvocateWebhookReceipt> {
  // Whatever the URL carried is no id of ours: not found, without asking the database.
  if (!INTEGRATION_ID.test(integrationId)) throw notConnected();
  const connection = await prisma.advocateConnection.findUnique({
    where: { integrationId },
    select: {
      integrationId: true,
      accountId: true,
      tenantAlias: true,
      rewardUnits: true,
      integration: { select: { isEnabled: true } },
    },
  });
  if (!connection) throw notConnected();

  const check = await verifyAdvocateSignature(rawBody, signature);
  if (!check.ok) {
    if (check.reason === "keys unavailable") {
      throw new AppError("UPSTREAM_UNAVAILABLE", `cannot verify the signature now: ${check.detail}`);
    }
    throw new AppError("BAD_REQUEST", `signature refused (${check.reason}): ${check.detail}`);
  }
  const event = parseEnvelope(rawBody);
  if (event.tenantAlias !== connection.tenantAlias) {
    throw new AppError(
      "BAD_REQUEST",
      `the event is for tenant ${event.tenantAlias.slice(0, 64)}, but this integration is connected to ${connection.tenantAlias}`,
    );
  }

  const plan = planAdvocateEvent(event, {
    rewardUnits: connection.rewardUnits,
    isIntegrationEnabled: connection.integration.isEnabled,
  });
  const stored = await storeAdvocateEvent(connection, event, plan);
  // After commit, never before: a runner must not see work the database may still roll back.
  await getJobRunner().enqueueRewardCredits(stored.credits);
  return { ...stored, advocateEventId: event.id, type: event.type };
}
