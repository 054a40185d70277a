import Link from "next/link";
import { RelativeTime } from "@/app/(portal)/integrations/_components/relative-time";

/** "Advocate connected · last reward 3 min ago", linking to the integration's Advocate page (SPEC §11). */
export function AdvocateSummary({
  integrationId,
  advocate,
}: {
  integrationId: string;
  advocate: { lastRewardAt: Date | null };
}) {
  return (
    <Link
      href={`/integrations/${integrationId}/advocate`}
      data-testid="advocate-summary"
      className="text-sm text-brand hover:underline"
    >
      Advocate connected · last reward{" "}
      {advocate.lastRewardAt ? <RelativeTime date={advocate.lastRewardAt} /> : "none yet"}
    </Link>
  );
}
