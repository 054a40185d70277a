import { formatUtc } from "@/components/events/format";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";
import type { AttemptView } from "@/lib/views/event-view";

/** Every attempt, newest first: what impact.com answered each time (bodies truncated to 8 KiB when stored). */
export function AttemptsTable({ attempts }: { attempts: AttemptView[] }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-500">No attempts yet.</p>;
  return (
    <DataTable
      caption="Attempts"
      density="compact"
      columns={["Time", "#", "Generation", "Status", "Duration", "Response / error"]}
    >
      {attempts.map((attempt) => (
        <TableRow key={attempt.id} data-testid="attempt-row">
          <TableCell density="compact" className="text-xs whitespace-nowrap">
            {formatUtc(attempt.startedAt)}
          </TableCell>
          <TableCell density="compact">{attempt.number}</TableCell>
          <TableCell density="compact">
            {attempt.generation === 0 ? "original" : `replay ${attempt.generation}`}
          </TableCell>
          <TableCell density="compact" className="font-mono">
            {attempt.responseStatus ?? "—"}
          </TableCell>
          <TableCell density="compact" className="whitespace-nowrap">
            {attempt.durationMs} ms
          </TableCell>
          <TableCell density="compact">
            {attempt.error ? <div className="text-red-700">{attempt.error}</div> : null}
            {attempt.responseBody ? (
              <pre className="max-h-40 overflow-auto rounded bg-slate-50 p-2 text-xs break-all whitespace-pre-wrap">
                {attempt.responseBody}
              </pre>
            ) : null}
            {attempt.nextAttemptAt ? (
              <div className="text-xs text-slate-500">next try {formatUtc(attempt.nextAttemptAt)}</div>
            ) : null}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
