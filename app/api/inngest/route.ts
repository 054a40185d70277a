import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { functions } from "@/inngest";
import { getEnv } from "@/lib/env";
import { inngest } from "@/lib/jobs/inngest/client";

// Built on the first request, not at import, so `next build` needs no runtime configuration.
let handlers: ReturnType<typeof serve> | undefined;

function getHandlers(): ReturnType<typeof serve> {
  // The origin Inngest is told to call comes from PUBLIC_URL, never from the request's Host header.
  handlers ??= serve({ client: inngest, functions, serveOrigin: new URL(getEnv().PUBLIC_URL).origin });
  return handlers;
}

/** The endpoint exists only when Inngest runs the jobs; with the local runner nothing may invoke functions here. */
function handle(method: "GET" | "POST" | "PUT") {
  return (request: NextRequest, context: unknown): Promise<Response> => {
    if (getEnv().JOBS_DRIVER !== "inngest") return Promise.resolve(new Response("Not found", { status: 404 }));
    return getHandlers()[method](request, context);
  };
}

// GET /api/inngest – Inngest introspects the functions served here (404 unless JOBS_DRIVER=inngest)
export const GET = handle("GET");
// POST /api/inngest – Inngest invokes a function step (404 unless JOBS_DRIVER=inngest)
export const POST = handle("POST");
// PUT /api/inngest – Inngest syncs (registers) the functions served here (404 unless JOBS_DRIVER=inngest)
export const PUT = handle("PUT");
