// The demo stream: once an integration registers its webhook endpoint with the demo account, the fake
// Stripe plays demo-scenario.ts to that endpoint — for each step, the objects the portal will re-read are
// seeded, then the event is logged and POSTed, signed, like Stripe does after something happens in a
// shop. Off unless turned on (the browser tests and every other user of the fake must see no traffic
// they did not send); one stream per endpoint; `timeScale` compresses the schedule for tests.

import type { DemoImpactPlan, DemoStep } from "@/testing/fakes/stripe/demo-orders";
import { buildDemoScenario } from "@/testing/fakes/stripe/demo-scenario";
import { seedCheckoutLineItems, seedEvents, seedObjects } from "@/testing/fakes/stripe/seed";
import { type FakeStripeState, requireAccount } from "@/testing/fakes/stripe/state";
import { deliverEvent } from "@/testing/fakes/stripe/webhook-delivery";

export type DemoStreamSettings = {
  /** The account whose webhook endpoints, created from now on, each get a stream. */
  accountId: string;
  /** Multiplies every wait: 1 plays the schedule in real time (about four minutes), 0.01 in 2.5 s. */
  timeScale?: number;
};

export type DemoStreamHooks = {
  /** Sets up impact.com's side of a step (a rejection, failures); awaited before that step's event is sent. */
  onImpactPlan?: (plan: DemoImpactPlan) => void | Promise<void>;
  /** Told each step as it is sent (the demo prints them); silent when absent. */
  log?: (message: string) => void;
};

export type DemoSentStep = {
  key: string;
  title: string;
  eventId: string;
  eventType: string;
  /** HTTP status of each POST to the endpoint (null: no answer), retries included. */
  statuses: Array<number | null>;
};

export type DemoStreamView = {
  accountId: string;
  endpointId: string;
  startedAt: string;
  stepsTotal: number;
  sent: DemoSentStep[];
  /** Why the stream ended (finished, stopped, endpoint deleted, …); null while it plays. */
  endedBecause: string | null;
};

export type DemoStreamStatus = { settings: Required<DemoStreamSettings> | null; streams: DemoStreamView[] };

/** Stripe retries a delivery that was not answered 2xx; the demo does it three times, sooner (at time scale 1). */
const RETRY_AFTER_SECONDS = [5, 15, 30];
/** Stripe waits about this long for an answer; a portal compiling its route on first use (`next dev`) may need it. */
const DELIVERY_TIMEOUT_MS = 15_000;

function readSettings(settings: DemoStreamSettings): Required<DemoStreamSettings> {
  const timeScale = settings.timeScale ?? 1;
  if (typeof settings.accountId !== "string" || !settings.accountId.startsWith("acct_")) {
    throw new Error("demo stream: accountId must be an acct_… id");
  }
  if (typeof timeScale !== "number" || !(timeScale > 0 && timeScale <= 10)) {
    throw new Error(`demo stream: timeScale must be a number over 0 and at most 10, got ${String(timeScale)}`);
  }
  return { accountId: settings.accountId, timeScale };
}

/** Every stream of one fake Stripe, and whether new endpoints start one. */
export class DemoStreams {
  private settings: Required<DemoStreamSettings> | null = null;
  private readonly streams = new Map<string, DemoStream>();

  constructor(
    private readonly state: FakeStripeState,
    private readonly hooks: DemoStreamHooks = {},
  ) {}

  /** On for the account's future endpoints, or off (null): running streams are stopped. */
  configure(settings: DemoStreamSettings | null): DemoStreamStatus {
    if (settings === null) {
      this.settings = null;
      void this.stopAll();
    } else {
      this.settings = readSettings(settings);
    }
    return this.status();
  }

  /** Called by the webhook endpoint route after it created an endpoint. */
  endpointCreated(accountId: string, endpointId: string): void {
    const settings = this.settings;
    if (!settings || settings.accountId !== accountId || this.streams.has(endpointId)) return;
    this.streams.set(endpointId, new DemoStream(this.state, { endpointId, ...settings }, this.hooks));
  }

  status(): DemoStreamStatus {
    return { settings: this.settings, streams: [...this.streams.values()].map((stream) => stream.view()) };
  }

  /** Stops every stream at once (nothing more is sent); resolves when deliveries in flight have answered. */
  async stopAll(): Promise<void> {
    const stopping = [...this.streams.values()].map((stream) => stream.stop("stopped"));
    await Promise.all(stopping);
  }

  /** After a reset: no streams, and the start-up setting again. */
  restart(settings: DemoStreamSettings | null): void {
    void this.stopAll();
    this.streams.clear();
    this.settings = settings ? readSettings(settings) : null;
  }
}

type StreamTarget = { accountId: string; endpointId: string; timeScale: number };

class DemoStream {
  private readonly steps: DemoStep[];
  private readonly startedAtMs = Date.now();
  private readonly sent: DemoSentStep[] = [];
  private endedBecause: string | null = null;
  private readonly cancels = new Set<() => void>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly done: Promise<void>;

  constructor(
    private readonly state: FakeStripeState,
    private readonly target: StreamTarget,
    private readonly hooks: DemoStreamHooks,
  ) {
    this.steps = buildDemoScenario(Math.floor(this.startedAtMs / 1000));
    this.done = this.play();
  }

  view(): DemoStreamView {
    return {
      accountId: this.target.accountId,
      endpointId: this.target.endpointId,
      startedAt: new Date(this.startedAtMs).toISOString(),
      stepsTotal: this.steps.length,
      sent: structuredClone(this.sent),
      endedBecause: this.endedBecause,
    };
  }

  async stop(reason: string): Promise<void> {
    this.end(reason);
    for (const cancel of this.cancels) cancel();
    await this.done;
    await Promise.all(this.inFlight);
  }

  private end(reason: string): void {
    if (this.endedBecause !== null) return;
    this.endedBecause = reason;
    this.hooks.log?.(`demo stream to ${this.target.endpointId}: ${reason}`);
  }

  private async play(): Promise<void> {
    try {
      for (const step of this.steps) {
        const dueAt = this.startedAtMs + step.at * 1000 * this.target.timeScale;
        if (!(await this.sleep(dueAt - Date.now()))) return;
        const account = requireAccount(this.state, this.target.accountId);
        if (!account.webhookEndpoints.some(({ endpoint }) => endpoint.id === this.target.endpointId)) {
          return this.end("its webhook endpoint was deleted");
        }
        await this.send(step);
      }
      await Promise.all(this.inFlight);
      this.end(`finished: ${this.sent.length} events sent`);
    } catch (error) {
      // A reset removed the account mid-step, or the impact.com hook failed: the stream ends, the fake goes on.
      this.end(`failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async send(step: DemoStep): Promise<void> {
    const { accountId } = this.target;
    seedObjects(this.state, accountId, step.objects);
    if (step.lineItems) seedCheckoutLineItems(this.state, accountId, step.lineItems.sessionId, step.lineItems.items);
    if (step.impact) await this.hooks.onImpactPlan?.(step.impact);
    if (this.endedBecause !== null) return;
    const [event] = seedEvents(this.state, accountId, [step.event]);
    const record: DemoSentStep = {
      key: step.key,
      title: step.title,
      eventId: step.event.id,
      eventType: step.event.type,
      statuses: [],
    };
    this.sent.push(record);
    // Delivered (and retried) beside the schedule, as Stripe does: a slow answer does not hold back the next step.
    const delivery = this.deliver(event as NonNullable<typeof event>, record).finally(() => {
      this.inFlight.delete(delivery);
    });
    this.inFlight.add(delivery);
  }

  private async deliver(event: Parameters<typeof deliverEvent>[2], record: DemoSentStep): Promise<void> {
    const { accountId, endpointId, timeScale } = this.target;
    for (let attempt = 0; attempt <= RETRY_AFTER_SECONDS.length; attempt++) {
      if (attempt > 0 && !(await this.sleep((RETRY_AFTER_SECONDS[attempt - 1] as number) * 1000 * timeScale))) return;
      const [outcome] = await deliverEvent(this.state, accountId, event, {
        endpointId,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      });
      if (!outcome) return; // the endpoint was disabled or deleted: Stripe sends nothing
      record.statuses.push(outcome.status);
      this.hooks.log?.(
        `demo → ${record.eventType} ${record.eventId} (${record.title}): ${outcome.status ?? outcome.error}`,
      );
      if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) return;
    }
  }

  /** Waits `ms`; false when the stream was stopped meanwhile (or before). */
  private sleep(ms: number): Promise<boolean> {
    if (this.endedBecause !== null) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (isAwake: boolean) => {
        clearTimeout(timer);
        this.cancels.delete(cancel);
        resolve(isAwake && this.endedBecause === null);
      };
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), Math.max(0, ms));
      this.cancels.add(cancel);
    });
  }
}
