// Shared by the integration actions (a "use server" file may export only actions).
import { INTEGRATION_FIELDS, type IntegrationField } from "@/lib/schemas/integration";
import type { EchoedField } from "@/lib/views/integration-view";

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
export function echoedValues(input: IntegrationFormInput): { values: Partial<Record<EchoedField, string>> } {
  return { values: Object.fromEntries(ECHOED_FIELDS.map((field) => [field, input[field]])) };
}
