// The impact.com click id travels in Stripe metadata under one of several names that shops and
// impact's own snippets use. `client_reference_id` is deliberately not a source: it is the shop's own
// reference (often its user id), and sending it as a ClickId would attribute the sale to nobody.

/** Metadata keys holding a click id, in priority order; matched case-insensitively. */
export const CLICK_ID_METADATA_KEYS = ["impact_click_id", "im_ref", "irclickid"] as const;

/** Where a click id was found, recorded with the delivery. */
export type ClickIdSource = "invoice_line" | "subscription_details" | "checkout_session" | "customer";

export type MetadataLike = Readonly<Record<string, unknown>> | null | undefined;

/** Metadata to search, each optional; searched in the order of the fields below. */
export interface ClickIdSources {
  /** `invoice.lines.data[].metadata`, in line order. */
  invoiceLines?: ReadonlyArray<MetadataLike>;
  /** `invoice.parent.subscription_details.metadata`. */
  subscriptionDetails?: MetadataLike;
  /** The checkout session's metadata (for an invoice: the session that created its subscription). */
  checkoutSession?: MetadataLike;
  /** The customer's metadata. */
  customer?: MetadataLike;
}

export type ClickIdMatch = { clickId: string; source: ClickIdSource } | { clickId: null; source: null };

/**
 * The first non-empty click id, searching sources in order (invoice lines, subscription details,
 * checkout session, customer) and, within one source, the keys in {@link CLICK_ID_METADATA_KEYS} order.
 * Values are trimmed; blank values are skipped.
 */
export function findClickId(sources: ClickIdSources): ClickIdMatch {
  for (const metadata of sources.invoiceLines ?? []) {
    const clickId = findClickIdInMetadata(metadata);
    if (clickId) return { clickId, source: "invoice_line" };
  }
  const ordered: ReadonlyArray<[ClickIdSource, MetadataLike]> = [
    ["subscription_details", sources.subscriptionDetails],
    ["checkout_session", sources.checkoutSession],
    ["customer", sources.customer],
  ];
  for (const [source, metadata] of ordered) {
    const clickId = findClickIdInMetadata(metadata);
    if (clickId) return { clickId, source };
  }
  return { clickId: null, source: null };
}

/** The click id in one metadata object, or null; see {@link findClickId} for the rules. */
export function findClickIdInMetadata(metadata: MetadataLike): string | null {
  if (!metadata) return null;
  const entries = Object.entries(metadata);
  for (const key of CLICK_ID_METADATA_KEYS) {
    for (const [name, value] of entries) {
      if (name.trim().toLowerCase() !== key || typeof value !== "string") continue;
      const trimmed = value.trim();
      if (trimmed) return trimmed;
    }
  }
  return null;
}
