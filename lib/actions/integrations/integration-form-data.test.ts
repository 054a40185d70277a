import { describe, expect, it } from "vitest";
import { echoedValues, readIntegrationForm } from "@/lib/actions/integrations/integration-form-data";

function formData(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

describe("readIntegrationForm", () => {
  it("reads a ticked checkbox ('on') as true and an absent one as false, text fields as strings", () => {
    const ticked = readIntegrationForm(
      formData({ siteUrl: "https://shop.example.com", clickIdFromClientReference: "on" }),
    );
    expect(ticked).toMatchObject({ siteUrl: "https://shop.example.com", apiKey: "", clickIdFromClientReference: true });
    expect(readIntegrationForm(formData({ siteUrl: "x" })).clickIdFromClientReference).toBe(false);
  });

  it("takes nothing else from the request", () => {
    expect(Object.keys(readIntegrationForm(formData({ isEnabled: "on", accountId: "other" }))).sort()).toEqual([
      "apiKey",
      "authToken",
      "clickIdFromClientReference",
      "eventTypeId",
      "programId",
      "recurringEventTypeId",
      "siteUrl",
    ]);
  });
});

describe("echoedValues", () => {
  it("hands the checkbox back as FormData would ('on' or ''), never a secret", () => {
    const input = readIntegrationForm(
      formData({ programId: "12", apiKey: "sk_test_secret", authToken: "token", clickIdFromClientReference: "on" }),
    );
    expect(echoedValues(input).values).toEqual({
      siteUrl: "",
      programId: "12",
      eventTypeId: "",
      recurringEventTypeId: "",
      clickIdFromClientReference: "on",
    });
    expect(echoedValues({ ...input, clickIdFromClientReference: false }).values.clickIdFromClientReference).toBe("");
  });
});
