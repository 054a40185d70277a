// The health of a web process that runs no worker (LOCAL_WORKER=off, issue #13): it is healthy only while some
// `npm run worker` listens on its database, counted by the listener's session name.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { WorkListener } from "@/lib/jobs/local/work-listener";
import { checkHealth } from "@/lib/server/operations/health-checks";

beforeAll(() => {
  process.env.LOCAL_WORKER = "off"; // before anything reads the configuration
});

let listener: WorkListener | undefined;
afterEach(() => listener?.stop());

describe("checkHealth with LOCAL_WORKER=off", () => {
  it("fails the worker check while no worker process is connected, and passes once one listens", async () => {
    expect(await checkHealth()).toEqual({
      status: "fail",
      checks: {
        database: "ok",
        migrations: "ok",
        worker: "fail: LOCAL_WORKER=off and no worker process (npm run worker) is connected to the database",
      },
    });

    listener = new WorkListener(() => {});
    listener.start();
    await listener.ready;

    expect(await checkHealth()).toEqual({
      status: "ok",
      checks: { database: "ok", migrations: "ok", worker: "ok" },
    });
  });
});
