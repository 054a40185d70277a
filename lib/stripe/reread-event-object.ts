// Listed events keep the API version of the moment they happened; a missed event may be months of
// API changes old. Re-reading its object through the SDK gives the shape the mapping expects (SPEC §8).
import Stripe from "stripe";

/** The event with its `data.object` fetched now at the pinned API version; null for types we do not re-read. */
export async function rereadEventObject(stripe: Stripe, event: Stripe.Event): Promise<Stripe.Event | null> {
  const { id } = event.data.object as { id: string };
  let object: unknown;
  switch (event.type) {
    case "invoice.paid":
      object = await stripe.invoices.retrieve(id);
      break;
    case "checkout.session.completed":
      object = await stripe.checkout.sessions.retrieve(id);
      break;
    case "charge.refunded":
      object = await stripe.charges.retrieve(id);
      break;
    case "charge.dispute.closed":
      object = await stripe.disputes.retrieve(id);
      break;
    default:
      return null;
  }
  return { ...event, api_version: Stripe.API_VERSION, data: { ...event.data, object } } as Stripe.Event;
}
