import Link from "next/link";
import type { ReactNode } from "react";

/** "← Integrations" above a page's title: where the person came from, one style everywhere. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="text-sm text-brand hover:underline">
      ← {children}
    </Link>
  );
}
