import { describe, expect, it } from "vitest";
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
  it("verifies live and stores the account with the company name, never the token", async () => {
    const sid = brand();
    const session = await signInBrand({ accountSid: ` ${sid} `, authToken: "the-right-token" }, ip());
    expect(session).toMatchObject({ impactSid: sid, companyName: `Company ${counter}`, sessionVersion: 0 });
    const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Account" WHERE "impactSid" = ${sid}`;
    expect(Object.keys(row!)).not.toContain("signInTokenEncrypted");
    expect(JSON.stringify(row)).not.toContain("the-right-token");
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

  it("delays a SID after five wrong tokens from one IP only, without locking the brand out elsewhere", async () => {
    const sid = brand();
    const attacker = `10.9.${counter % 250}.1`;
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(signInBrand({ accountSid: sid, authToken: `wrong-${attempt}-token` }, attacker)).rejects.toThrow(
        SIGN_IN_MESSAGES.wrongCredentials,
      );
    }
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, attacker)).rejects.toThrow(
      /Too many failed sign-in attempts. Try again in 30 seconds./,
    );
    expect(fakes.impact.requests({ path: "CompanyInformation", sid })).toHaveLength(5);
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, "10.9.250.2")).resolves.toMatchObject({
      impactSid: sid,
    });
  });

  it("keeps admitting a SID from an IP where it signed in before while strangers fail from many IPs", async () => {
    const sid = brand();
    const home = `10.8.${counter % 250}.1`;
    await signInBrand({ accountSid: sid, authToken: "the-right-token" }, home);
    for (let attempt = 0; attempt < 20; attempt++) {
      await expect(
        signInBrand({ accountSid: sid, authToken: `wrong-${attempt}-token` }, `10.6.${counter % 250}.${attempt}`),
      ).rejects.toThrow(SIGN_IN_MESSAGES.wrongCredentials);
    }
    // A new IP now waits (the SID as a whole has too many failures); the known one does not.
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, "10.6.251.1")).rejects.toThrow(
      /Too many failed sign-in attempts/,
    );
    await expect(signInBrand({ accountSid: sid, authToken: "the-right-token" }, home)).resolves.toMatchObject({
      impactSid: sid,
    });
  });

  it("checks at most one of 50 concurrent wrong tokens for a SID from one IP", async () => {
    const sid = brand();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, attempt) =>
        signInBrand({ accountSid: sid, authToken: `wrong-${attempt}-token` }, "10.5.5.5"),
      ),
    );
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(fakes.impact.requests({ path: "CompanyInformation", sid }).length).toBeLessThanOrEqual(5);
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
