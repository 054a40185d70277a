// The impact.com click id travels in Stripe metadata under one of several names that shops and
// impact's own snippets use. `client_reference_id` is the shop's own reference (often its user id) and
// not a source — unless the integration says its Payment Links carry the click id there (SPEC §7).

/** Metadata keys holding a click id, in priority order; matched case-insensitively. */
export const CLICK_ID_METADATA_KEYS = ["impact_click_id", "im_ref", "irclickid"] as const;

/** Where a click id was found, recorded with the delivery. */
export type ClickIdSource =
  | "invoice_line"
  | "subscription_details"
  | "checkout_session"
  | "client_reference_id"
  | "customer";

export type MetadataLike = Readonly<Record<string, unknown>> | null | undefined;

/** Metadata to search, each optional; searched in the order of the fields below. */
export interface ClickIdSources {
  /** `invoice.lines.data[].metadata`, in line order. */
  invoiceLines?: ReadonlyArray<MetadataLike>;
  /** `invoice.parent.subscription_details.metadata`. */
  subscriptionDetails?: MetadataLike;
  /** The checkout session's metadata (for an invoice: the session that created its subscription). */
  checkoutSession?: MetadataLike;
  /**
   * That session's `client_reference_id`, passed only when the integration's "Click ID in
   * client_reference_id (Payment Links)" option is on.
   */
  clientReferenceId?: string | null;
  /** The customer's metadata. */
  customer?: MetadataLike;
}

export type ClickIdMatch = { clickId: string; source: ClickIdSource } | { clickId: null; source: null };

/**
 * The first non-empty click id, searching sources in order (invoice lines, subscription details,
 * checkout session, its client_reference_id when given, customer) and, within one source, the keys in {@link CLICK_ID_METADATA_KEYS} order.
 * Values are trimmed; blank values are skipped.
 */
export function findClickId(sources: ClickIdSources): ClickIdMatch {
  for (const metadata of sources.invoiceLines ?? []) {
    const clickId = findClickIdInMetadata(metadata);
    if (clickId) return { clickId, source: "invoice_line" };
  }
  const ordered: ReadonlyArray<[ClickIdSource, () => string | null]> = [
    ["subscription_details", () => findClickIdInMetadata(sources.subscriptionDetails)],
    ["checkout_session", () => findClickIdInMetadata(sources.checkoutSession)],
    ["client_reference_id", () => sources.clientReferenceId?.trim() || null],
    ["customer", () => findClickIdInMetadata(sources.customer)],
  ];
  for (const [source, find] of ordered) {
    const clickId = find();
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
