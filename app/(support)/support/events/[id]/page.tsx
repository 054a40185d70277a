import { EventDetailView } from "@/components/events/event-detail-view";
import { markDeliveredAction } from "@/lib/actions/events/mark-delivered";
import { replayDeliveryAction } from "@/lib/actions/events/replay-delivery";
import { requireStaff } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getEventDetail } from "@/lib/server/events/get-event-detail";

export const metadata = { title: "Event · Support console" };

// GET /support/events/[id] – any account's event, the same detail as /events/[id] (replays and marks are audited)
export default async function SupportEventPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff();
  const { id } = await params;
  const detail = await orNotFound(getEventDetail(scopeOf(staff), id));
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
