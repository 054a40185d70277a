import type { z } from "zod";

/** Field → its first message, the shape forms show next to each input (browser and server alike). */
export function fieldErrorsOf<Field extends string = string>(error: z.ZodError): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "") as Field;
    if (field) errors[field] ??= issue.message;
  }
  return errors;
}
