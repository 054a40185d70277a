"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SignOutButton({ redirectTo }: { redirectTo: string }) {
  return (
    <Button variant="secondary" onClick={() => signOut({ callbackUrl: redirectTo })}>
      Sign out
    </Button>
  );
}
