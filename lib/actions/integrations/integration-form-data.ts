// Shared by the integration actions (a "use server" file may export only actions).
import {
  INTEGRATION_CHECKBOX_FIELDS,
  INTEGRATION_TEXT_FIELDS,
  type IntegrationCheckboxField,
  type IntegrationTextField,
} from "@/lib/schemas/integration";
import type { EchoedField } from "@/lib/views/integration-view";

const ECHOED_TEXT_FIELDS = ["siteUrl", "programId", "eventTypeId", "recurringEventTypeId"] as const satisfies Exclude<
  EchoedField,
  IntegrationCheckboxField
>[];

export type IntegrationFormInput = Record<IntegrationTextField, string> & Record<IntegrationCheckboxField, boolean>;

/**
 * The form fields, nothing else from the request: the six text fields as strings (absent ones empty), each
 * checkbox as whether it was ticked (a browser sends "on" for a ticked box and nothing for an unticked one).
 */
export function readIntegrationForm(formData: FormData): IntegrationFormInput {
  const texts = INTEGRATION_TEXT_FIELDS.map((field) => {
    const value = formData.get(field);
    return [field, typeof value === "string" ? value : ""] as const;
  });
  const checkboxes = INTEGRATION_CHECKBOX_FIELDS.map((field) => [field, formData.get(field) === "on"] as const);
  return Object.fromEntries([...texts, ...checkboxes]) as IntegrationFormInput;
}

/**
 * What goes back to the browser so a failed submit keeps the typing, as FormData strings (a ticked
 * checkbox "on", an unticked one ""); secrets are never echoed.
 */
export function echoedValues(input: IntegrationFormInput): { values: Partial<Record<EchoedField, string>> } {
  const texts = ECHOED_TEXT_FIELDS.map((field) => [field, input[field]] as const);
  const checkboxes = INTEGRATION_CHECKBOX_FIELDS.map((field) => [field, input[field] ? "on" : ""] as const);
  return { values: Object.fromEntries([...texts, ...checkboxes]) };
}
