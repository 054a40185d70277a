import { describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto/secrets";
import { prisma } from "@/lib/db";
import { SIGN_IN_MESSAGES } from "@/lib/impact/get-company-information";
import { signInBrand } from "@/lib/server/auth/sign-in-brand";
import { useFakes } from "@/testing/fakes/use-fakes";

const fakes = useFakes();
let counter = 0;
function brand(overrides: { forbidden?: boolean } = {}) {
  counter++;
  const sid = `IRbrand${Date.now()}${counter}`;
  fakes.impact.addAccount({ sid, authTokens: ["the-right-token"], companyName: `Company ${counter}`, ...overrides });
  return sid;
}
const ip = () => `10.1.${counter}.${Math.floor(Math.random() * 250)}`;

describe("signInBrand", () => {
  it("verifies live, stores the account with the company name and the token encrypted", async () => {
    const sid = brand();
    const session = await signInBrand({ accountSid: ` ${sid} `, authToken: "the-right-token" }, ip());
    expect(session).toMatchObject({ impactSid: sid, companyName: `Company ${counter}` });
    const account = await prisma.account.findUniqueOrThrow({ where: { impactSid: sid } });
    expect(account.signInTokenEncrypted).not.toContain("the-right-token");
    expect(decryptSecret(account.signInTokenEncrypted)).toBe("the-right-token");
    const [call] = fakes.impact.requests({ path: "CompanyInformation" });
    expect(call).toMatchObject({
      method: "GET",
      authSid: sid,
      headers: expect.objectContaining({ accept: "application/json" }),
    });
  });

  it("refreshes the company name on the next sign-in", async () => {
    const sid = brand();
    await signInBrand({ accountSid: sid, authToken: "the-right-token" }, ip());
    fakes.impact.addAccount({ sid, authTokens: ["the-right-token"], companyName: "Renamed Inc" });
    await signInBrand({ accountSid: sid, authToken: "the-right-token" }, ip());
    expect((await prisma.account.findUniqueOrThrow({ where: { impactSid: sid } })).companyName).toBe("Renamed Inc");
  });

  it("gives 401, 403, unreachable and malformed input each their own message", async () => {
    const sid = brand();
    await expect(signInBrand({ accountSid: sid, authToken: "wrong-token" }, ip())).rejects.toThrow(
      SIGN_IN_MESSAGES.wrongCredentials,
    );
    await expect(
      signInBrand({ accountSid: brand({ forbidden: true }), authToken: "the-right-token" }, ip()),
    ).rejects.toThrow(SIGN_IN_MESSAGES.forbidden);
    fakes.impact.failNext({ path: "CompanyInformation", count: 2, action: { kind: "reset" } });
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, ip())).rejects.toThrow(
      SIGN_IN_MESSAGES.unreachable,
    );
    fakes.impact.failNext({ path: "CompanyInformation", action: { kind: "error", status: 502 } });
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, ip())).rejects.toThrow(
      SIGN_IN_MESSAGES.unreachable,
    );
    await expect(signInBrand({ accountSid: "IR 1", authToken: "the-right-token" }, ip())).rejects.toThrow(
      /letters and digits/,
    );
    expect(await prisma.account.count({ where: { impactSid: sid } })).toBe(0);
  });

  it("locks a SID after five wrong tokens, whatever the IP, and says for how long", async () => {
    const sid = brand();
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(
        signInBrand({ accountSid: sid, authToken: `wrong-${attempt}-token` }, `10.9.9.${attempt}`),
      ).rejects.toThrow(SIGN_IN_MESSAGES.wrongCredentials);
    }
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, "10.9.9.200")).rejects.toThrow(
      /Too many failed sign-in attempts. Try again in 15 minutes./,
    );
    expect(fakes.impact.requests({ path: "CompanyInformation", sid })).toHaveLength(5);
  });

  it("locks an IP after twenty failures across SIDs", async () => {
    const address = "10.7.7.7";
    for (let attempt = 0; attempt < 20; attempt++) {
      await expect(signInBrand({ accountSid: brand(), authToken: "wrong-token-x" }, address)).rejects.toThrow(
        SIGN_IN_MESSAGES.wrongCredentials,
      );
    }
    await expect(signInBrand({ accountSid: brand(), authToken: "the-right-token" }, address)).rejects.toThrow(
      /Too many failed sign-in attempts/,
    );
  });

  it("does not count impact.com outages against the brand", async () => {
    const sid = brand();
    fakes.impact.failNext({ path: "CompanyInformation", count: 6, action: { kind: "error", status: 503 } });
    for (let attempt = 0; attempt < 6; attempt++) {
      await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, ip())).rejects.toThrow(
        SIGN_IN_MESSAGES.unreachable,
      );
    }
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, ip())).resolves.toMatchObject({
      impactSid: sid,
    });
  });
});
