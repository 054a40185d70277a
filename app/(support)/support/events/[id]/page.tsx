import { EventDetailView } from "@/components/events/event-detail-view";
import { markDeliveredAction } from "@/lib/actions/events/mark-delivered";
import { replayDeliveryAction } from "@/lib/actions/events/replay-delivery";
import { requireStaff } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { recordStaffRead } from "@/lib/server/audit/record-staff-read";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getEventDetail } from "@/lib/server/events/get-event-detail";

export const metadata = { title: "Event · Support console" };

// GET /support/events/[id] – any account's event, the same detail as /events/[id] (replays and marks are audited)
export default async function SupportEventPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const { id } = await params;
  const detail = await orNotFound(getEventDetail(scopeOf(staff), id));
  // Audited like its live refresh (GET /api/events/[id]): the same action, so the two add one row per 10 minutes.
  await recordStaffRead({
    staffUserId: staff.staffUserId,
    action: "event.view",
    accountId: detail.account.id,
    targetType: "event",
    targetId: id,
  });
  return (
    <EventDetailView
      initialDetail={detail}
      backHref={`/support/events?account=${detail.account.id}`}
      replayAction={replayDeliveryAction}
      markDeliveredAction={markDeliveredAction}
      showAccount
    />
  );
}
