import Link from "next/link";

// The chrome around a live list (events, rewards): what refreshes and how often, and the page links.

export function LiveRefreshNote({ intervalMs, isFetching }: { intervalMs: number; isFetching: boolean }) {
  return (
    <p className="text-xs text-slate-500" aria-live="polite">
      Live: refreshes every {intervalMs / 1000} s{isFetching ? " · refreshing…" : ""}
    </p>
  );
}

/** "← Newest" when on an older page (its cursor pins it), "Older →" while there is a next cursor. */
export function ListPager({
  newest,
  older,
}: {
  newest: { href: string; text: string } | null;
  older: { href: string; text: string } | null;
}) {
  return (
    <nav className="flex items-center justify-between text-sm" aria-label="Pages">
      {newest ? (
        <Link href={newest.href} className="text-brand hover:underline">
          ← {newest.text}
        </Link>
      ) : (
        <span />
      )}
      {older ? (
        <Link href={older.href} className="text-brand hover:underline">
          {older.text} →
        </Link>
      ) : null}
    </nav>
  );
}

/** The filtered list as a CSV download (the route streams it with the session's scope). */
export function ExportCsvLink({ href }: { href: string }) {
  return (
    <a
      href={href}
      download
      className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100"
    >
      Export CSV
    </a>
  );
}
