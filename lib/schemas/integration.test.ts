import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import {
  CreateIntegrationSchema,
  INTEGRATION_CHECKBOX_FIELDS,
  INTEGRATION_FIELDS,
  INTEGRATION_LABELS,
  INTEGRATION_TEXT_FIELDS,
  UpdateIntegrationSchema,
} from "@/lib/schemas/integration";

const VALID = {
  siteUrl: "https://shop.example.com",
  authToken: "impact-token-123",
  programId: "12345",
  eventTypeId: "678",
  recurringEventTypeId: "910",
  apiKey: "sk_test_abcdefgh12345678",
};

function errorsFor(
  input: Record<string, unknown>,
  schema: typeof CreateIntegrationSchema | typeof UpdateIntegrationSchema = CreateIntegrationSchema,
) {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

describe("CreateIntegrationSchema", () => {
  it("accepts a complete form and trims every field", () => {
    const padded = Object.fromEntries(Object.entries(VALID).map(([key, value]) => [key, `  ${value} `]));
    expect(CreateIntegrationSchema.parse(padded)).toEqual({ ...VALID, clickIdFromClientReference: false });
  });

  it("labels the six text fields and the checkbox exactly as SPEC §3 does, in form order", () => {
    expect(INTEGRATION_FIELDS.map((field) => INTEGRATION_LABELS[field])).toEqual([
      "URL",
      "Auth Token",
      "Program ID",
      "Event Type ID",
      "Recurring Event Tracker ID",
      "API Key",
      "Click ID in client_reference_id (Payment Links)",
    ]);
    // The form renders text inputs from one list and checkboxes from the other.
    expect(INTEGRATION_TEXT_FIELDS).not.toContain("clickIdFromClientReference");
    expect(INTEGRATION_CHECKBOX_FIELDS).toEqual(["clickIdFromClientReference"]);
    expect([...INTEGRATION_TEXT_FIELDS, ...INTEGRATION_CHECKBOX_FIELDS]).toEqual([...INTEGRATION_FIELDS]);
  });

  it("reads the Click ID checkbox as FormData sends it: 'on' when ticked, absent when not (off by default)", () => {
    expect(
      CreateIntegrationSchema.parse({ ...VALID, clickIdFromClientReference: "on" }).clickIdFromClientReference,
    ).toBe(true);
    expect(CreateIntegrationSchema.parse(VALID).clickIdFromClientReference).toBe(false);
    expect(
      CreateIntegrationSchema.parse({ ...VALID, clickIdFromClientReference: true }).clickIdFromClientReference,
    ).toBe(true);
    expect(
      CreateIntegrationSchema.parse({ ...VALID, clickIdFromClientReference: false }).clickIdFromClientReference,
    ).toBe(false);
    for (const value of ["yes", "off", "true", 1]) {
      expect(errorsFor({ ...VALID, clickIdFromClientReference: value }).clickIdFromClientReference).toBe(
        "Tick the box or leave it empty.",
      );
    }
  });

  it("asks for every missing field by name", () => {
    expect(errorsFor({})).toEqual({
      siteUrl: expect.any(String),
      authToken: expect.any(String),
      programId: expect.any(String),
      eventTypeId: expect.any(String),
      recurringEventTypeId: expect.any(String),
      apiKey: expect.any(String),
    });
    const blank = Object.fromEntries(Object.keys(VALID).map((key) => [key, "   "]));
    expect(errorsFor(blank)).toEqual({
      siteUrl: "Enter your site's URL.",
      authToken: "Enter the impact.com Auth Token used to send conversions.",
      programId: "Enter the Program ID.",
      eventTypeId: "Enter the Event Type ID.",
      recurringEventTypeId: "Enter the Recurring Event Tracker ID.",
      apiKey: "Enter a Stripe secret or restricted API key.",
    });
  });

  it.each(["http://shop.example.com", "shop.example.com", "ftp://shop.example.com", "https://", "https://localhost"])(
    "rejects the site URL %s: https:// and a domain are required",
    (siteUrl) => {
      expect(errorsFor({ ...VALID, siteUrl }).siteUrl).toMatch(/starting with https:\/\//);
    },
  );

  it.each(["https://www.example.co.uk", "https://shop.example.com/", "https://shop.example.com:8443"])(
    "accepts the origin %s as the site URL",
    (siteUrl) => {
      expect(errorsFor({ ...VALID, siteUrl })).toEqual({});
    },
  );

  it.each([
    "https://www.example.co.uk/shop",
    "https://shop.example.com//",
    "https://shop.example.com/;=cmd|' /C calc'!A0",
    "https://shop.example.com?utm=1",
    "https://shop.example.com/?",
    "https://shop.example.com#top",
    "https://user:pass@shop.example.com",
  ])("rejects the site URL %s: only an origin, no path, query or fragment", (siteUrl) => {
    expect(errorsFor({ ...VALID, siteUrl }).siteUrl).toBe(
      "Enter just your site's address, e.g. https://shop.example.com, without a path, ? or #.",
    );
  });

  it.each([
    ["programId", "Program ID"],
    ["eventTypeId", "Event Type ID"],
    ["recurringEventTypeId", "Recurring Event Tracker ID"],
  ])("%s holds digits only", (field, label) => {
    for (const value of ["12a", "-1", "1.5", "1 2", "1234567890123"]) {
      expect(errorsFor({ ...VALID, [field]: value })[field as keyof typeof VALID]).toBe(
        `The ${label} is a number (digits only), as shown in impact.com.`,
      );
    }
    expect(errorsFor({ ...VALID, [field]: "000123" })).toEqual({});
  });

  it("accepts visible-character Auth Tokens of 8–256 characters only", () => {
    const rule = "An Auth Token has 8–256 visible characters and no spaces.";
    expect(errorsFor({ ...VALID, authToken: "short" }).authToken).toBe(rule);
    expect(errorsFor({ ...VALID, authToken: "has a space" }).authToken).toBe(rule);
    expect(errorsFor({ ...VALID, authToken: "x".repeat(257) }).authToken).toBe(rule);
    expect(errorsFor({ ...VALID, authToken: "A~b!c#d$e%f-_.+=" })).toEqual({});
  });

  it.each([
    "sk_live_abcdefgh1234",
    "sk_test_abcdefgh1234",
    "rk_live_abcdefgh1234",
    "rk_test_abcdefgh1234",
    "sk_test_demo_portal_0000000000000000",
  ])("accepts the Stripe key %s", (apiKey) => {
    expect(errorsFor({ ...VALID, apiKey })).toEqual({});
  });

  it("rejects publishable keys with a precise reason, and anything else with the accepted prefixes", () => {
    expect(errorsFor({ ...VALID, apiKey: "pk_test_abcdefgh1234" }).apiKey).toMatch(/publishable key/);
    for (const apiKey of ["sk_abcdefgh1234", "whsec_abcdefgh1234", "sk_test_short", "sk_test_abc-defgh1234"]) {
      expect(errorsFor({ ...VALID, apiKey }).apiKey).toBe(
        "A Stripe API key starts with sk_live_, sk_test_, rk_live_ or rk_test_.",
      );
    }
  });
});

describe("UpdateIntegrationSchema", () => {
  it("treats empty secret fields as keep-the-stored-one", () => {
    const parsed = UpdateIntegrationSchema.parse({ ...VALID, authToken: "", apiKey: "  " });
    expect(parsed.authToken).toBeUndefined();
    expect(parsed.apiKey).toBeUndefined();
    expect(parsed.siteUrl).toBe(VALID.siteUrl);
  });

  it("turns the Click ID setting off when the box is left unticked (absent), on when ticked", () => {
    expect(UpdateIntegrationSchema.parse({ ...VALID, apiKey: "" }).clickIdFromClientReference).toBe(false);
    expect(
      UpdateIntegrationSchema.parse({ ...VALID, apiKey: "", clickIdFromClientReference: "on" })
        .clickIdFromClientReference,
    ).toBe(true);
  });

  it("still validates secrets that are typed, and every other field", () => {
    expect(errorsFor({ ...VALID, apiKey: "pk_live_abcdefgh1234", programId: "" }, UpdateIntegrationSchema)).toEqual({
      apiKey: expect.stringMatching(/publishable key/),
      programId: "Enter the Program ID.",
    });
  });
});
