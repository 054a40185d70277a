import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { JitlessZod } from "@/app/jitless-zod";
import { Providers } from "@/components/providers";
import "@/app/globals.css";

export const metadata: Metadata = {
  title: "Payments integration portal",
  description: "Connect Stripe to your impact.com program",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next puts the nonce from proxy.ts's CSP on its scripts only then (a page
  // prerendered at build time would carry no nonce and the CSP would block its scripts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <JitlessZod />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
