"use client";

import { z } from "zod";

// Zod 4 probes for eval (`new Function("")`) before compiling a fast parser; under the CSP (no 'unsafe-eval')
// the probe fails safely but the browser reports a violation each time. Parsing without the probe is the
// same result, only not JIT-compiled, which the browser's few small forms do not notice.
z.config({ jitless: true });

/** Rendered once in the root layout so the setting is applied in the browser before any form parses. */
export function JitlessZod(): null {
  return null;
}
