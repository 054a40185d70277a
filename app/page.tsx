import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/session";

export default async function HomePage() {
  const principal = await getPrincipal();
  redirect(principal?.role === "staff" ? "/support" : "/integrations");
}
