// Reads the participant of a reward for `customFields.stripeCustomerId` (SPEC §11): the only link between
// an Advocate user and the Stripe customer whose balance the credit goes to.
import { z } from "zod";
import { type AdvocateCredentials, type AdvocateResult, advocateRequest } from "@/lib/advocate/advocate-http";

const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

export const AdvocateUserSchema = z
  .object({
    id: z.string({ message: "a user has an id" }).min(1, "a user has an id"),
    accountId: z.string({ message: "a user has an accountId" }).min(1, "a user has an accountId"),
    email: optionalText,
    firstName: optionalText,
    lastName: optionalText,
    customFields: z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((fields) => fields ?? {}),
  })
  .transform(({ id, accountId, email, firstName, lastName, customFields }) => ({
    id,
    accountId,
    ...(email === undefined ? {} : { email }),
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    customFields,
  }));

export type AdvocateUser = {
  id: string;
  accountId: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  customFields: Record<string, unknown>;
};

/** `GET /open/account/{accountId}/user/{userId}`; an unknown user is failure `not_found`. */
export function readAdvocateUser(
  credentials: AdvocateCredentials,
  accountId: string,
  userId: string,
): Promise<AdvocateResult<AdvocateUser>> {
  return advocateRequest(credentials, {
    method: "GET",
    path: `/open/account/${encodeURIComponent(accountId)}/user/${encodeURIComponent(userId)}`,
    schema: AdvocateUserSchema,
  });
}

/** `customFields.stripeCustomerId` when it looks like a Stripe customer id (`cus_…`), else null ("needs mapping"). */
export function stripeCustomerIdOf(user: Pick<AdvocateUser, "customFields">): string | null {
  const value = user.customFields.stripeCustomerId;
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return /^cus_[A-Za-z0-9]+$/.test(trimmed) ? trimmed : null;
}
