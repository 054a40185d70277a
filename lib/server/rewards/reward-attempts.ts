// Every HTTP exchange of a reward credit becomes a RewardAttempt (SPEC §11: "every attempt"), recorded in
// the transaction that also moves the credit on, so the log never shows a state without its exchanges.
import type { TransactionClient } from "@/lib/db";
import type { HttpExchange } from "@/lib/http/http-exchange";

/** reward-read, user-read, customer-read, credit-lookup, credit, redeem (schema: RewardAttempt.step). */
export type RewardStep = "reward-read" | "user-read" | "customer-read" | "credit-lookup" | "credit" | "redeem";

export type RewardRunner = "local" | "inngest";

/** One exchange as it happened: the clients already redacted it (no key leaves them). */
export type RewardExchange = { step: RewardStep; startedAt: Date; exchange: HttpExchange };

/** Writes the exchanges of one try (number = the credit's try count, shared by every exchange of that try). */
export async function writeRewardAttempts(
  tx: TransactionClient,
  rewardCreditId: string,
  number: number,
  runner: RewardRunner,
  exchanges: RewardExchange[],
): Promise<void> {
  if (exchanges.length === 0) return;
  await tx.rewardAttempt.createMany({
    data: exchanges.map(({ step, startedAt, exchange }) => ({
      rewardCreditId,
      number,
      step,
      startedAt,
      durationMs: exchange.durationMs,
      runner,
      requestMethod: exchange.method,
      requestUrl: exchange.url,
      requestBody: exchange.requestBody,
      responseStatus: exchange.responseStatus,
      responseBody: exchange.responseBody,
      error: exchange.error,
    })),
  });
}
