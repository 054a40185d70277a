// Who is signed in, as the session carries it. A leaf: lib/server scopes queries by it without
// importing the sign-in machinery (which itself calls lib/server).
export type Principal =
  | { role: "brand"; accountId: string; impactSid: string; companyName: string }
  | { role: "staff"; staffUserId: string; email: string };

export type BrandPrincipal = Extract<Principal, { role: "brand" }>;
export type StaffPrincipal = Extract<Principal, { role: "staff" }>;
