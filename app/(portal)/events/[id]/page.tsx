import { EventDetailView } from "@/components/events/event-detail-view";
import { markDeliveredAction } from "@/lib/actions/events/mark-delivered";
import { replayDeliveryAction } from "@/lib/actions/events/replay-delivery";
import { requireBrand } from "@/lib/auth/session";
import { orNotFound } from "@/lib/http/or-not-found";
import { scopeOf } from "@/lib/server/events/event-scope";
import { getEventDetail } from "@/lib/server/events/get-event-detail";

export const metadata = { title: "Event · Payments integration portal" };

// GET /events/[id] – one Stripe event: payload, mapped request, every attempt, replay, mark delivered (no loading.tsx: 404 must stay 404)
export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const brand = await requireBrand();
  const { id } = await params;
  const detail = await orNotFound(getEventDetail(scopeOf(brand), id));
  return (
    <EventDetailView
      initialDetail={detail}
      backHref="/events"
      replayAction={replayDeliveryAction}
      markDeliveredAction={markDeliveredAction}
    />
  );
}
