"use client";

import { useCheckedFormAction } from "@/components/forms/use-checked-form-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import {
  CreateIntegrationSchema,
  INTEGRATION_CHECKBOX_FIELDS,
  INTEGRATION_FIELDS,
  INTEGRATION_LABELS,
  INTEGRATION_TEXT_FIELDS,
  type IntegrationCheckboxField,
  type IntegrationField,
  UpdateIntegrationSchema,
} from "@/lib/schemas/integration";
import type { ActionState } from "@/lib/views/action-result";
import type { EchoedField } from "@/lib/views/integration-view";

type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** On edit, the stored secrets are shown only as their last four characters. */
export type SavedSecrets = { authTokenLast4: string; apiKeyLast4: string };

const SECRET_FIELDS = new Set<IntegrationField>(["authToken", "apiKey"]);

const HINTS: Record<IntegrationField, string> = {
  siteUrl: "Your shop's address, e.g. https://shop.example.com.",
  authToken:
    "The impact.com Auth Token used to send conversions (Settings → API); it may differ from your sign-in token.",
  programId: "Your impact.com program; sent as CampaignId.",
  eventTypeId: "For first subscription payments and one-time purchases.",
  recurringEventTypeId: "For renewals; impact.com links it as a child of the event type above.",
  apiKey: "A Stripe secret key (sk_…) or restricted key (rk_…) that can read and write webhook endpoints.",
  clickIdFromClientReference:
    "Stripe Payment Links accept only ?client_reference_id= in their URL; turn this on if you put impact's click id there.",
};

function hintFor(field: IntegrationField, saved?: SavedSecrets): string {
  if (!saved || !SECRET_FIELDS.has(field)) return HINTS[field];
  const last4 = field === "apiKey" ? saved.apiKeyLast4 : saved.authTokenLast4;
  const extra = field === "apiKey" ? " A new key registers a new webhook endpoint in Stripe." : "";
  return `Saved: •••• ${last4}. Leave empty to keep it.${extra}`;
}

/** A labelled checkbox with its hint and error announced with it, like a TextField's. */
function CheckboxField({
  name,
  defaultChecked,
  error,
}: {
  name: IntegrationCheckboxField;
  defaultChecked: boolean;
  error?: string;
}) {
  const describedBy = [error ? `${name}-error` : null, `${name}-hint`].filter(Boolean).join(" ");
  return (
    <div className="flex items-start gap-3">
      <input
        id={name}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand focus:ring-2 focus:ring-brand"
      />
      <div className="space-y-1">
        <label htmlFor={name} className="block text-sm font-medium text-slate-700">
          {INTEGRATION_LABELS[name]}
        </label>
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {HINTS[name]}
        </p>
        {error ? (
          <p id={`${name}-error`} role="alert" className="text-xs text-red-600">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The integration form of SPEC §3, for create and edit. Checked in the browser with
 * the same zod schema the server uses; submitted without React's automatic form
 * reset so a failed submit keeps everything typed (secrets stay in this page only).
 */
export function IntegrationForm({
  action,
  submitLabel,
  initialValues = {},
  saved,
}: {
  action: FormAction;
  submitLabel: string;
  /** As FormData strings: a ticked checkbox is "on". */
  initialValues?: Partial<Record<EchoedField, string>>;
  /** Present on edit: secret fields may be left empty. */
  saved?: SavedSecrets;
}) {
  const { formAction, isPending, fieldErrors, formMessage, echoed, onSubmit } = useCheckedFormAction(
    action,
    saved ? UpdateIntegrationSchema : CreateIntegrationSchema,
    INTEGRATION_FIELDS,
  );

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5" aria-busy={isPending}>
      {formMessage ? <Alert>{formMessage}</Alert> : null}
      {INTEGRATION_TEXT_FIELDS.map((field) => {
        const isSecret = SECRET_FIELDS.has(field);
        return (
          <TextField
            key={field}
            name={field}
            label={INTEGRATION_LABELS[field]}
            type={isSecret ? "password" : field === "siteUrl" ? "url" : "text"}
            inputMode={field === "siteUrl" || isSecret ? undefined : "numeric"}
            autoComplete="off"
            spellCheck={false}
            required={!(saved && isSecret)}
            placeholder={saved && isSecret ? "Leave empty to keep the saved one" : undefined}
            defaultValue={isSecret ? undefined : (echoed[field] ?? initialValues[field as EchoedField])}
            error={fieldErrors[field]}
            hint={hintFor(field, saved)}
          />
        );
      })}
      {INTEGRATION_CHECKBOX_FIELDS.map((field) => (
        <CheckboxField
          key={field}
          name={field}
          defaultChecked={(echoed[field] ?? initialValues[field]) === "on"}
          error={fieldErrors[field]}
        />
      ))}
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isPending}>
          {submitLabel}
        </Button>
        {isPending ? (
          <p role="status" className="text-sm text-slate-600">
            Saving — checking with Stripe…
          </p>
        ) : null}
      </div>
    </form>
  );
}
