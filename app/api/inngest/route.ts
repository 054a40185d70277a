import { serve } from "inngest/next";
import { inngest } from "@/lib/jobs/inngest/client";
import { functions } from "@/inngest";

// GET/POST/PUT /api/inngest – Inngest introspects, invokes and syncs the functions here
export const { GET, POST, PUT } = serve({ client: inngest, functions });
