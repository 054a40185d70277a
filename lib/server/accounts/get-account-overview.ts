import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";

export type AccountOverview = Awaited<ReturnType<typeof getAccountOverview>>;

/**
 * Staff view of one account: who it is and its integrations' settings. Secrets are not selected at
 * all (only the Stripe key's last four characters, as everywhere else).
 */
export async function getAccountOverview(accountId: string) {
  const account = await prisma.account.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      impactSid: true,
      companyName: true,
      createdAt: true,
      lastSignInAt: true,
      integrations: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          siteUrl: true,
          mode: true,
          isEnabled: true,
          programId: true,
          eventTypeId: true,
          recurringEventTypeId: true,
          stripeApiKeyLast4: true,
          stripeWebhookEndpointId: true,
          createdAt: true,
        },
      },
    },
  });
  if (!account) throw new AppError("NOT_FOUND", "No such account.");
  return account;
}
