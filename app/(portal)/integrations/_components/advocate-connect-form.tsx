"use client";

import { useCheckedFormAction } from "@/components/forms/use-checked-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { ANY_STRIPE_UNIT } from "@/lib/mapping/reward-units";
import { ADVOCATE_FIELDS, ADVOCATE_LABELS, AdvocateConnectSchema, TEST_TENANT_PREFIX } from "@/lib/schemas/advocate";
import type { ActionState } from "@/lib/views/action-result";
import type { IntegrationMode } from "@/lib/views/integration-view";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** What the form starts with: the saved tenant and units when connected (never the key). */
export type AdvocateFormValues = { tenantAlias: string; rewardUnits: string };

function tenantHint(mode: IntegrationMode): string {
  return mode === "test"
    ? `This integration is in test mode: connect a test tenant (its alias starts with ${TEST_TENANT_PREFIX}).`
    : `This integration is live: connect a live tenant (no ${TEST_TENANT_PREFIX} prefix).`;
}

/**
 * The Connect Advocate form of SPEC §11. Checked in the browser with the same zod schema the server
 * uses; submitted without React's automatic form reset so a failed submit keeps what was typed (the
 * key stays in this page only, and is never filled in from the server).
 */
export function AdvocateConnectForm({
  action,
  mode,
  saved,
}: {
  action: FormAction;
  mode: IntegrationMode;
  /** Present when connected: the form then changes the connection. */
  saved: AdvocateFormValues | null;
}) {
  const { state, formAction, isPending, fieldErrors, formMessage, echoed, onSubmit } = useCheckedFormAction(
    action,
    AdvocateConnectSchema,
    ADVOCATE_FIELDS,
  );

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={isPending}>
      {formMessage ? <Alert>{formMessage}</Alert> : null}
      {state?.ok ? <Alert tone="success">Advocate is connected: rewards are credited from now on.</Alert> : null}
      <TextField
        name="tenantAlias"
        label={ADVOCATE_LABELS.tenantAlias}
        autoComplete="off"
        spellCheck={false}
        required
        defaultValue={echoed.tenantAlias ?? saved?.tenantAlias}
        error={fieldErrors.tenantAlias}
        hint={tenantHint(mode)}
      />
      <TextField
        name="apiKey"
        label={ADVOCATE_LABELS.apiKey}
        type="password"
        autoComplete="off"
        spellCheck={false}
        required={!saved}
        error={fieldErrors.apiKey}
        hint={
          saved
            ? "The saved key is never shown. Leave empty to keep it (the same tenant only); a new key is checked with Advocate and stored encrypted."
            : "The tenant's API key (Advocate → Settings → API keys); checked with Advocate and stored encrypted."
        }
      />
      <TextField
        name="rewardUnits"
        label={ADVOCATE_LABELS.rewardUnits}
        autoComplete="off"
        spellCheck={false}
        defaultValue={echoed.rewardUnits ?? saved?.rewardUnits ?? ANY_STRIPE_UNIT}
        error={fieldErrors.rewardUnits}
        hint="Comma-separated; STRIPE/* credits any STRIPE/<currency> reward, STRIPE/USD only US dollars."
      />
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isPending}>
          Connect Advocate
        </Button>
        {isPending ? (
          <p role="status" className="text-sm text-slate-600">
            Connecting — checking the key with Advocate…
          </p>
        ) : null}
      </div>
    </form>
  );
}
