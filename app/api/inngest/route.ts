import { serve } from "inngest/next";
import { functions } from "@/inngest";
import { inngest } from "@/lib/jobs/inngest/client";

// GET/POST/PUT /api/inngest – Inngest introspects, invokes and syncs the functions here
export const { GET, POST, PUT } = serve({ client: inngest, functions });
