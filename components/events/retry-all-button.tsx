"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { eventKeys } from "@/lib/queries/events";
import type { EventFilters } from "@/lib/schemas/events";
import type { ActionResult } from "@/lib/views/action-result";
import type { RetryBatchResult } from "@/lib/views/event-view";

export type RetryFailedAction = (input: {
  filters: EventFilters;
  cursor: string | null;
}) => Promise<ActionResult<RetryBatchResult>>;

type Progress = { done: number; total: number; replayed: number; isRunning: boolean };

/**
 * "Retry all failed" for the current filters: the server replays one batch per call (so no request
 * runs for minutes and the page can show progress); this loops until the server says it is done.
 */
export function RetryAllButton({ filters, action }: { filters: EventFilters; action: RetryFailedAction }) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string>();

  async function retryAll() {
    setError(undefined);
    let cursor: string | null = null;
    let current: Progress = { done: 0, total: 0, replayed: 0, isRunning: true };
    setProgress(current);
    do {
      const result = await action({ filters, cursor });
      if (!result.ok) {
        setError(result.error);
        break;
      }
      const batch = result.data;
      current = {
        ...current,
        done: current.done + batch.processed,
        replayed: current.replayed + batch.replayed,
        total: batch.total ?? current.total,
      };
      setProgress(current);
      cursor = batch.nextCursor;
    } while (cursor);
    setProgress({ ...current, isRunning: false });
    await queryClient.invalidateQueries({ queryKey: eventKeys.all });
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" onClick={retryAll} disabled={progress?.isRunning}>
        {progress?.isRunning ? "Retrying…" : "Retry all failed"}
      </Button>
      {progress ? (
        <div className="flex items-center gap-2 text-sm" role="status" data-testid="retry-progress">
          <progress
            value={progress.done}
            max={Math.max(progress.total, 1)}
            className="h-2 w-32"
            aria-label="Retry progress"
          />
          <span>
            {progress.isRunning
              ? `Retrying ${progress.done} of ${progress.total}`
              : progress.total === 0
                ? "No failed deliveries match these filters."
                : `Done: ${progress.replayed} of ${progress.total} failed deliveries queued again.`}
          </span>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
