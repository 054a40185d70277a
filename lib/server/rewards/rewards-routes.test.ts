// The Rewards JSON and CSV routes answer with the session's scope (a brand's own account; another
// account's reward is a 404), refuse bad filters with the field's message, and audit staff reads and
// exports like the events routes (SPEC §11).
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import SupportRewardsPage from "@/app/(support)/support/rewards/page";
import { GET as getReward } from "@/app/api/rewards/[id]/route";
import { GET as exportRewards } from "@/app/api/rewards/export/route";
import { GET as listRewards } from "@/app/api/rewards/route";
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import type { RewardDetail, RewardPage } from "@/lib/views/reward-view";
import { parseCsv } from "@/testing/csv/read-csv";
import { createTestIntegration } from "@/testing/db/factories";
import { createRewardCredit } from "@/testing/db/reward-factories";

const session = vi.hoisted(() => ({ principal: undefined as Principal | undefined }));
vi.mock("@/lib/auth/session", () => ({
  getPrincipal: async () => session.principal,
  requireStaff: async () => session.principal,
  requireBrand: async () => session.principal,
}));

const request = (path: string) => new Request(`https://portal.example.test${path}`);
const noParams = { params: Promise.resolve({}) } as never;
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

async function signInBrandOf(accountId: string) {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
  session.principal = { role: "brand", accountId, impactSid: account.impactSid, companyName: account.companyName };
}

async function signInStaff() {
  const staff = await prisma.staffUser.create({
    data: { email: `support-${randomBytes(4).toString("hex")}@example.com`, passwordHash: "unused" },
  });
  session.principal = { role: "staff", staffUserId: staff.id, email: staff.email };
  return staff;
}

const auditOf = (staffUserId: string) =>
  prisma.auditLog.findMany({ where: { staffUserId }, orderBy: { createdAt: "asc" } });

beforeEach(() => {
  session.principal = undefined;
});

describe("brand", () => {
  it("lists, opens and exports only its own rewards; another account's reward is a 404", async () => {
    const { integration: mine } = await createTestIntegration();
    const { integration: theirs } = await createTestIntegration();
    const { credit } = await createRewardCredit(mine, { rewardId: "rwd_mine" });
    const { credit: foreign } = await createRewardCredit(theirs, { rewardId: "rwd_theirs" });
    await signInBrandOf(mine.accountId);

    const list = await listRewards(request("/api/rewards"), noParams);
    expect(list.status).toBe(200);
    expect(((await list.json()) as RewardPage).items.map((item) => item.rewardId)).toEqual(["rwd_mine"]);

    const detail = await getReward(request(`/api/rewards/${credit.id}`), idParams(credit.id));
    expect(((await detail.json()) as RewardDetail).rewardId).toBe("rwd_mine");
    const other = await getReward(request(`/api/rewards/${foreign.id}`), idParams(foreign.id));
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: { code: "NOT_FOUND", message: "No such reward in this account." } });

    const csv = await exportRewards(request(`/api/rewards/export?account=${theirs.accountId}`), noParams);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="rewards-.*\.csv"$/);
    const records = parseCsv(await csv.text());
    expect(records.slice(1).map((record) => record[records[0]!.indexOf("reward_id")])).toEqual(["rwd_mine"]);
  });

  it("answers 400 with the field's message for a filter that cannot be used, 401 when signed out", async () => {
    const { integration } = await createTestIntegration();
    await signInBrandOf(integration.accountId);
    const bad = await listRewards(request("/api/rewards?status=lost&cursor=nope"), noParams);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message:
          "Status: must be one of pending, credited, needs_mapping, retrying, failed, exhausted, skipped. Page: link is invalid; start again from the newest rewards.",
      },
    });
    session.principal = undefined;
    expect((await exportRewards(request("/api/rewards/export"), noParams)).status).toBe(401);
  });
});

describe("staff", () => {
  it("sees every account, and its list reads, reward views and exports are audited", async () => {
    const { integration } = await createTestIntegration();
    const { credit } = await createRewardCredit(integration, { rewardId: "rwd_seen_by_staff" });
    const staff = await signInStaff();

    for (let poll = 0; poll < 2; poll++)
      expect((await listRewards(request("/api/rewards?q=rwd_seen_by_staff"), noParams)).status).toBe(200);
    await SupportRewardsPage({ searchParams: Promise.resolve({ account: integration.accountId }) });
    await getReward(request(`/api/rewards/${credit.id}`), idParams(credit.id));
    await getReward(request(`/api/rewards/${credit.id}`), idParams(credit.id));
    const csv = await exportRewards(request(`/api/rewards/export?account=${integration.accountId}`), noParams);
    expect(await csv.text()).toContain("rwd_seen_by_staff");

    const rows = await auditOf(staff.id);
    expect(rows.map((row) => [row.action, row.accountId, row.targetType, row.targetId])).toEqual([
      ["rewards.list", null, "rewards", null],
      ["rewards.list", integration.accountId, "rewards", null],
      ["reward.view", integration.accountId, "reward", credit.id],
      ["rewards.export", integration.accountId, "rewards", null],
    ]);
  });
});
