import { z } from "zod";

// impact.com Account SIDs are ~34 alphanumeric characters (e.g. IRabc…); tokens are
// printable without spaces. Checked before any network call so typos get a precise message.
export const BrandSignInSchema = z.object({
  accountSid: z
    .string()
    .trim()
    .min(1, "Enter your Account SID.")
    .regex(/^[A-Za-z0-9]{8,64}$/, "An Account SID has 8–64 letters and digits, no spaces or symbols."),
  authToken: z
    .string()
    .trim()
    .min(1, "Enter your Auth Token.")
    .regex(/^[\x21-\x7e]{8,256}$/, "An Auth Token has 8–256 visible characters and no spaces."),
});
export type BrandSignIn = z.infer<typeof BrandSignInSchema>;

export const StaffSignInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
});
export type StaffSignIn = z.infer<typeof StaffSignInSchema>;

export const StaffCreateSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(12, "Staff passwords need at least 12 characters.").max(200),
});
