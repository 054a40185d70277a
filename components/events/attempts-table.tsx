import { formatUtc } from "@/components/events/format";
import { DataTable, TableCell, TableRow } from "@/components/ui/table";

/**
 * One HTTP exchange as the table shows it, whatever made it: a delivery's send or outcome read, a reward
 * credit's Advocate or Stripe call. `phase` is what the exchange was for ("original", "replay 2", "credit").
 */
export type AttemptRow = {
  id: string;
  number: number;
  phase: string;
  startedAt: string;
  durationMs: number;
  /** "GET https://…", when the table should say where the request went. */
  request?: string;
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  nextAttemptAt?: string | null;
};

/** Every attempt, newest first: what the other side answered each time (bodies truncated to 8 KiB when stored). */
export function AttemptsTable({ attempts, phaseTitle }: { attempts: AttemptRow[]; phaseTitle: string }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-500">No attempts yet.</p>;
  return (
    <DataTable
      caption="Attempts"
      density="compact"
      columns={["Time", "#", phaseTitle, "Status", "Duration", "Response / error"]}
    >
      {attempts.map((attempt) => (
        <TableRow key={attempt.id} data-testid="attempt-row">
          <TableCell density="compact" className="text-xs whitespace-nowrap">
            {formatUtc(attempt.startedAt)}
          </TableCell>
          <TableCell density="compact">{attempt.number}</TableCell>
          <TableCell density="compact">{attempt.phase}</TableCell>
          <TableCell density="compact" className="font-mono">
            {attempt.responseStatus ?? "—"}
          </TableCell>
          <TableCell density="compact" className="whitespace-nowrap">
            {attempt.durationMs} ms
          </TableCell>
          <TableCell density="compact">
            {attempt.request ? (
              <div className="font-mono text-xs break-all text-slate-600">{attempt.request}</div>
            ) : null}
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
