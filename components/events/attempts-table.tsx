import { formatUtc } from "@/components/events/format";
import type { AttemptView } from "@/lib/events/event-view";

/** Every attempt, newest first: what impact.com answered each time (bodies truncated to 8 KiB when stored). */
export function AttemptsTable({ attempts }: { attempts: AttemptView[] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-500">No attempts yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Attempts</caption>
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Time</th>
            <th className="py-1 pr-3 font-medium">#</th>
            <th className="py-1 pr-3 font-medium">Generation</th>
            <th className="py-1 pr-3 font-medium">Status</th>
            <th className="py-1 pr-3 font-medium">Duration</th>
            <th className="py-1 pr-3 font-medium">Response / error</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.id} data-testid="attempt-row" className="border-t border-slate-100 align-top">
              <td className="py-1.5 pr-3 text-xs whitespace-nowrap">{formatUtc(attempt.startedAt)}</td>
              <td className="py-1.5 pr-3">{attempt.number}</td>
              <td className="py-1.5 pr-3">{attempt.generation === 0 ? "original" : `replay ${attempt.generation}`}</td>
              <td className="py-1.5 pr-3 font-mono">{attempt.responseStatus ?? "—"}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap">{attempt.durationMs} ms</td>
              <td className="py-1.5 pr-3">
                {attempt.error ? <div className="text-red-700">{attempt.error}</div> : null}
                {attempt.responseBody ? (
                  <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap">
                    {attempt.responseBody}
                  </pre>
                ) : null}
                {attempt.nextAttemptAt ? (
                  <div className="text-xs text-slate-500">next try {formatUtc(attempt.nextAttemptAt)}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
