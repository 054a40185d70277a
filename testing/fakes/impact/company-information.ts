import type { FakeImpactAccount } from "@/testing/fakes/impact/types";

/** `GET /Advertisers/{SID}/CompanyInformation`, shaped after impact.com's published brand API example. */
export function companyInformation(account: FakeImpactAccount): Record<string, unknown> {
  const contact = (name: string, email: string) => ({
    UserId: "1234567",
    Name: name,
    Email: email,
    WorkPhoneNumber: "2065550100",
    WorkPhoneNumberCountry: "US",
    CellPhoneNumber: "",
    CellPhoneNumberCountry: "",
  });
  const address = {
    AddressLine1: "1640 Riverside Dr.",
    AddressLine2: "Suite 400",
    City: "Hill Valley",
    State: "CALIFORNIA",
    PostalCode: "90210",
    Country: "US",
  };
  return {
    CompanyName: account.companyName,
    Industry: { IndustryId: "833", IndustryName: "Miscellaneous Retail Stores, Not Elsewhere Classified" },
    Website: "https://www.example.com",
    PrimaryPhoneNumber: "1235550100",
    PrimaryPhoneNumberCountry: "US",
    SecondaryPhoneNumber: "",
    SecondaryPhoneNumberCountry: "",
    MinimumContactRating: "1",
    Timezone: "(GMT -08:00) Pacific Time (US & Canada); Tijuana",
    Currency: "USD",
    RegisteredForIndirectTax: "false",
    IndirectTaxNumber: "",
    OrganizationType: "CORP",
    EinSsnForeignTaxId: "XXXXX6789",
    CorporateAddress: address,
    BillingAddress: address,
    FinancialContact: contact("Road Runner", "finance@example.com"),
    TechnicalContact: contact("Wile E. Coyote", "tech@example.com"),
    CommercialContact: contact("Marvin Martian", "marketing@example.com"),
    SecurityContact: contact("Daffy Duck", "security@example.com"),
    Uri: `/Advertisers/${account.sid}/CompanyInformation`,
  };
}

/** impact.com answers XML unless asked for JSON; the fake does too, so a missing Accept header shows up. */
export function toXml(rootName: string, value: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(rootName, value)}`;
}

function element(name: string, value: unknown): string {
  if (value !== null && typeof value === "object") {
    const children = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => element(key, child))
      .join("");
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value ?? ""))}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
