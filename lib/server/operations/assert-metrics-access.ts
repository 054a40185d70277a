import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * With METRICS_TOKEN set, /api/metrics needs `Authorization: Bearer <token>` (SPEC §12). The comparison is
 * constant-time over digests, so neither the token's characters nor its length show in the timing.
 */
export function assertMetricsAccess(authorization: string | null): void {
  const token = getEnv().METRICS_TOKEN;
  if (!token) return;
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  if (!timingSafeEqual(digest(given), digest(token))) {
    throw new AppError("UNAUTHORIZED", "metrics need Authorization: Bearer <METRICS_TOKEN>");
  }
}
