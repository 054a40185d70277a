// Shared by the integration actions (a "use server" file may export only actions).
import { isAppError } from "@/lib/errors/app-error";
import type { ButtonActionState, EchoedField, IntegrationFormState } from "@/lib/integrations/integration-view";
import { INTEGRATION_FIELDS, type IntegrationField } from "@/lib/schemas/integration";

const ECHOED_FIELDS: EchoedField[] = ["siteUrl", "programId", "eventTypeId", "recurringEventTypeId"];

export type IntegrationFormInput = Record<IntegrationField, string>;

/** The six form fields as strings (absent ones empty), nothing else from the request. */
export function readIntegrationForm(formData: FormData): IntegrationFormInput {
  const entries = INTEGRATION_FIELDS.map((field) => {
    const value = formData.get(field);
    return [field, typeof value === "string" ? value : ""] as const;
  });
  return Object.fromEntries(entries) as IntegrationFormInput;
}

/** What goes back to the browser so a failed submit keeps the typing; secrets are never echoed. */
export function echoedValues(input: IntegrationFormInput): IntegrationFormState["values"] {
  return Object.fromEntries(ECHOED_FIELDS.map((field) => [field, input[field]]));
}

/** Domain errors become a message next to their field, or above the form; anything else is logged. */
export function formStateOfError(error: unknown, input: IntegrationFormInput, doing: string): IntegrationFormState {
  const values = echoedValues(input);
  if (isAppError(error)) {
    if (error.field && (INTEGRATION_FIELDS as readonly string[]).includes(error.field)) {
      return { fieldErrors: { [error.field]: error.message }, values };
    }
    return { fieldErrors: {}, formError: error.message, values };
  }
  console.error(`integration action failed while ${doing}`, error);
  return { fieldErrors: {}, formError: `Something went wrong while ${doing}; nothing was saved. Try again.`, values };
}

export function buttonStateOfError(error: unknown, doing: string): ButtonActionState {
  if (isAppError(error)) return { error: error.message };
  console.error(`integration action failed while ${doing}`, error);
  return { error: `Something went wrong while ${doing}. Try again.` };
}
