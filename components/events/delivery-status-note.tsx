import { formatUtc } from "@/components/events/format";
import type { DeliveryDetail } from "@/lib/views/event-view";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * impact.com's own words, verbatim: the ErrorType and ErrorReason of a submission it processed with an
 * error, or the recorded answer of a request it refused outright (e.g. a 400).
 */
function ImpactVerdict({ delivery }: { delivery: DeliveryDetail }) {
  const hasSubmissionError = delivery.impactErrorType !== null || delivery.impactErrorReason !== null;
  return (
    <div
      data-testid="impact-error"
      className="space-y-1 rounded-md border border-fuchsia-200 bg-fuchsia-50 p-3 text-sm"
    >
      {hasSubmissionError ? (
        <>
          <p className="font-medium text-fuchsia-900">impact.com processed the submission and rejected it:</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-xs text-slate-600">ErrorType</dt>
            <dd className="font-mono text-xs break-all">{delivery.impactErrorType ?? "—"}</dd>
            <dt className="text-xs text-slate-600">ErrorReason</dt>
            <dd className="font-mono text-xs break-all">{delivery.impactErrorReason ?? "—"}</dd>
          </dl>
        </>
      ) : (
        <p className="text-fuchsia-900">{delivery.lastError ?? "impact.com refused the request."}</p>
      )}
      <p className="text-xs text-slate-700">
        Nothing was credited. Fix the cause (for example the Event Type ID in the integration&apos;s form), then send it
        again.
      </p>
    </div>
  );
}

/** What a delivery's status means for the person reading it, and what they can do about it. */
export function DeliveryStatusNote({ delivery }: { delivery: DeliveryDetail }) {
  switch (delivery.status) {
    case "skipped":
      return delivery.skipReason ? <p className="text-sm text-slate-700">Skipped: {delivery.skipReason}</p> : null;
    case "sent":
      return (
        <div className="space-y-1 text-sm text-slate-700">
          <p data-testid="sent-progress">
            impact.com queued it at {formatUtc(delivery.sentAt)} and is processing it; outcome read{" "}
            {plural(delivery.outcomeReads, "time")} so far.
          </p>
          {/* Why the last read did not settle it (impact.com still busy, unreachable, or the hourly budget). */}
          {delivery.lastError ? <p className="text-slate-600">Last read: {delivery.lastError}</p> : null}
        </div>
      );
    case "rejected":
      return <ImpactVerdict delivery={delivery} />;
    case "unknown":
      return (
        <div className="space-y-1 text-sm">
          <p className="text-violet-900">
            The portal stopped while sending this, so impact.com may or may not have it. Look for OrderId{" "}
            <span className="font-mono">{delivery.orderId ?? "—"}</span> in impact.com: if it is there, mark it as
            delivered; if not, send it again. Neither happens by itself.
          </p>
          {delivery.lastError ? <p className="text-red-700">{delivery.lastError}</p> : null}
        </div>
      );
    case "delivered":
      // Set only when a person marked it delivered: who, and when.
      return delivery.lastError ? <p className="text-sm text-slate-700">{delivery.lastError}</p> : null;
    case "pending":
    case "retrying":
    case "exhausted":
      return delivery.lastError ? <p className="text-sm text-red-700">{delivery.lastError}</p> : null;
  }
}
