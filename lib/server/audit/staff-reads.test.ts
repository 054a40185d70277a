// Staff reads of tenant data are audited (issue 16, item 5): the support event pages and the events JSON
// API behind their live refresh record the same actions, once per staff member, resource and 10 minutes.
// A brand reading its own events is not recorded.
import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import SupportEventPage from "@/app/(support)/support/events/[id]/page";
import SupportEventsPage from "@/app/(support)/support/events/page";
import { GET as getEvent } from "@/app/api/events/[id]/route";
import { GET as listEvents } from "@/app/api/events/route";
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { createTestEvent } from "@/testing/db/event-factories";
import { createTestIntegration } from "@/testing/db/factories";

const session = vi.hoisted(() => ({ principal: undefined as Principal | undefined }));
vi.mock("@/lib/auth/session", () => ({
  getPrincipal: async () => session.principal,
  requireStaff: async () => session.principal,
  requireBrand: async () => session.principal,
}));

async function signInStaff() {
  const staff = await prisma.staffUser.create({
    data: { email: `support-${randomBytes(4).toString("hex")}@example.com`, passwordHash: "unused" },
  });
  session.principal = { role: "staff", staffUserId: staff.id, email: staff.email };
  return staff;
}

const auditOf = (staffUserId: string) =>
  prisma.auditLog.findMany({ where: { staffUserId }, orderBy: { createdAt: "asc" } });

const request = (path: string) => new Request(`https://portal.example.test${path}`);
const noParams = { params: Promise.resolve({}) } as never;

beforeEach(() => {
  session.principal = undefined;
});

describe("events API staff reads", () => {
  it("records a staff member listing events, once per account filter and 10 minutes", async () => {
    const { integration } = await createTestIntegration();
    const staff = await signInStaff();

    for (let poll = 0; poll < 3; poll++) expect((await listEvents(request("/api/events"), noParams)).status).toBe(200);
    expect((await listEvents(request(`/api/events?account=${integration.accountId}`), noParams)).status).toBe(200);

    const rows = await auditOf(staff.id);
    expect(rows.map((row) => [row.action, row.accountId, row.targetType])).toEqual([
      ["events.list", null, "events"],
      ["events.list", integration.accountId, "events"],
    ]);
  });

  it("records a staff member reading one event, with its account", async () => {
    const { integration } = await createTestIntegration();
    const { event } = await createTestEvent(integration);
    const staff = await signInStaff();
    const params = { params: Promise.resolve({ id: event.id }) };

    expect((await getEvent(request(`/api/events/${event.id}`), params)).status).toBe(200);
    expect((await getEvent(request(`/api/events/${event.id}`), params)).status).toBe(200);

    const rows = await auditOf(staff.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: "staff",
      action: "event.view",
      accountId: integration.accountId,
      targetType: "event",
      targetId: event.id,
    });
  });

  it("records nothing for a brand reading its own events", async () => {
    const { integration } = await createTestIntegration();
    const { event } = await createTestEvent(integration);
    const account = await prisma.account.findUniqueOrThrow({ where: { id: integration.accountId } });
    session.principal = {
      role: "brand",
      accountId: account.id,
      impactSid: account.impactSid,
      companyName: account.companyName,
    };
    const before = await prisma.auditLog.count();
    expect((await listEvents(request("/api/events"), noParams)).status).toBe(200);
    expect(
      (await getEvent(request(`/api/events/${event.id}`), { params: Promise.resolve({ id: event.id }) })).status,
    ).toBe(200);
    expect(await prisma.auditLog.count()).toBe(before);
  });
});

describe("support event pages", () => {
  it("records the event list a staff member opened, with its account filter", async () => {
    const { integration } = await createTestIntegration();
    const staff = await signInStaff();

    await SupportEventsPage({ searchParams: Promise.resolve({}) });
    await SupportEventsPage({ searchParams: Promise.resolve({}) });
    await SupportEventsPage({ searchParams: Promise.resolve({ account: integration.accountId, status: "delivered" }) });

    const rows = await auditOf(staff.id);
    expect(rows.map((row) => [row.action, row.accountId])).toEqual([
      ["events.list", null],
      ["events.list", integration.accountId],
    ]);
    expect(rows[1]!.details).toMatchObject({ account: integration.accountId, status: "delivered" });
  });

  it("records the event a staff member opened, once with its live refresh", async () => {
    const { integration } = await createTestIntegration();
    const { event } = await createTestEvent(integration);
    const staff = await signInStaff();

    await SupportEventPage({ params: Promise.resolve({ id: event.id }) });
    await getEvent(new Request(`https://portal.example.test/api/events/${event.id}`), {
      params: Promise.resolve({ id: event.id }),
    });

    const rows = await auditOf(staff.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "event.view",
      accountId: integration.accountId,
      targetType: "event",
      targetId: event.id,
    });
  });
});
