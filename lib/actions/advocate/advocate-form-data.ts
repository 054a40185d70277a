// Shared by the Advocate actions (a "use server" file may export only actions).
import { ADVOCATE_FIELDS, type AdvocateField } from "@/lib/schemas/advocate";

export type AdvocateFormInput = Record<AdvocateField, string>;

/** The form's three fields, nothing else from the request; absent ones empty. */
export function readAdvocateForm(formData: FormData): AdvocateFormInput {
  const entries = ADVOCATE_FIELDS.map((field) => {
    const value = formData.get(field);
    return [field, typeof value === "string" ? value : ""] as const;
  });
  return Object.fromEntries(entries) as AdvocateFormInput;
}

/** What goes back so a failed submit keeps the typing: never the API key. */
export function echoedAdvocateValues(input: AdvocateFormInput): { values: Partial<Record<AdvocateField, string>> } {
  return { values: { tenantAlias: input.tenantAlias, rewardUnits: input.rewardUnits } };
}
