"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { BrandSignInSchema, StaffSignInSchema } from "@/lib/schemas/auth";

const FORMS = {
  brand: {
    schema: BrandSignInSchema,
    fields: [
      { name: "accountSid", label: "Account SID", type: "text", autoComplete: "username" },
      { name: "authToken", label: "Auth Token", type: "password", autoComplete: "current-password" },
    ],
  },
  staff: {
    schema: StaffSignInSchema,
    fields: [
      { name: "email", label: "Email", type: "email", autoComplete: "username" },
      { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
    ],
  },
} as const;

/** Sign-in form shared by brands and staff: validates locally, then asks next-auth, showing its precise message. */
export function CredentialsForm({ provider, redirectTo }: { provider: keyof typeof FORMS; redirectTo: string }) {
  const { schema, fields } = FORMS[provider];
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    const parsed = schema.safeParse(values);
    setFormError(undefined);
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return;
    }
    setFieldErrors({});
    setIsPending(true);
    const result = await signIn(provider, { ...values, redirect: false }).catch(() => undefined);
    setIsPending(false);
    if (!result) return setFormError("The portal could not be reached; check your connection and try again.");
    if (result.error) return setFormError(result.error === "CredentialsSignin" ? "Sign-in failed." : result.error);
    router.replace(redirectTo);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert>{formError}</Alert> : null}
      {fields.map((field) => (
        <TextField key={field.name} {...field} error={fieldErrors[field.name]} required />
      ))}
      <Button type="submit" disabled={isPending} className="w-full">
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
