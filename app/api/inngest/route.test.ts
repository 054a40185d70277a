// /api/inngest exists only with the Inngest runner, and tells Inngest the address from PUBLIC_URL.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";

const ENV_NAMES = ["JOBS_DRIVER", "INNGEST_DEV", "INNGEST_BASE_URL", "PUBLIC_URL", "INNGEST_EVENT_KEY"] as const;
const saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));

// A stand-in for the Inngest dev server: records the registrations the SDK sends it.
const registrations: { url: string }[] = [];
let devServer: Server;

beforeAll(async () => {
  devServer = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.url?.startsWith("/fn/register")) registrations.push(JSON.parse(body) as { url: string });
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"modified":true}');
    });
  });
  await new Promise<void>((resolve) => devServer.listen(0, "127.0.0.1", resolve));
});

afterEach(() => {
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

afterAll(() => new Promise<void>((resolve) => devServer.close(() => resolve())));

async function loadRoute(env: Partial<Record<(typeof ENV_NAMES)[number], string>>) {
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, env);
  vi.resetModules();
  return import("@/app/api/inngest/route");
}

function request(method: string, host = "portal.example.test") {
  return new NextRequest(`http://${host}/api/inngest`, { method, headers: { host } });
}

it("answers 404 to every method when the local runner runs the jobs", async () => {
  const route = await loadRoute({ JOBS_DRIVER: "local" });
  for (const [method, handler] of [
    ["GET", route.GET],
    ["POST", route.POST],
    ["PUT", route.PUT],
  ] as const) {
    expect((await handler(request(method), {})).status, method).toBe(404);
  }
});

it("serves the functions with the Inngest runner and registers them at PUBLIC_URL, not at the request's Host", async () => {
  const baseUrl = `http://127.0.0.1:${(devServer.address() as AddressInfo).port}`;
  const route = await loadRoute({
    JOBS_DRIVER: "inngest",
    INNGEST_DEV: baseUrl,
    INNGEST_BASE_URL: baseUrl,
    PUBLIC_URL: "https://portal.example.test",
  });
  expect((await route.GET(request("GET", "attacker.example"), {})).status).toBe(200);
  const put = await route.PUT(request("PUT", "attacker.example"), {});
  expect(put.status).toBeLessThan(300);
  expect(registrations.at(-1)?.url).toMatch(/^https:\/\/portal\.example\.test\/api\/inngest/);
});
