import { describe, expect, it, vi } from "vitest";
import { TtlCache } from "@/lib/stripe/ttl-cache";

describe("TtlCache", () => {
  it("serves the cached value until the TTL ends, then loads again", async () => {
    let now = 1_000;
    const cache = new TtlCache<string>(60_000, 100, () => now);
    const load = vi.fn(async () => `value-${now}`);
    expect(await cache.getOrLoad("a", load)).toBe("value-1000");
    now += 59_999;
    expect(await cache.getOrLoad("a", load)).toBe("value-1000");
    now += 1;
    expect(await cache.getOrLoad("a", load)).toBe("value-61000");
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("shares one load between concurrent callers and forgets failures", async () => {
    const cache = new TtlCache<number>(60_000);
    const load = vi.fn(async () => 7);
    const [a, b] = await Promise.all([cache.getOrLoad("k", load), cache.getOrLoad("k", load)]);
    expect([a, b, load.mock.calls.length]).toEqual([7, 7, 1]);

    const failing = vi.fn(async (): Promise<number> => Promise.reject(new Error("down")));
    await expect(cache.getOrLoad("f", failing)).rejects.toThrow("down");
    await Promise.resolve();
    await expect(cache.getOrLoad("f", async () => 1)).resolves.toBe(1);
  });

  it("delete forces the next read to load, and size stays bounded", async () => {
    const cache = new TtlCache<number>(60_000, 2);
    await cache.getOrLoad("a", async () => 1);
    cache.delete("a");
    expect(await cache.getOrLoad("a", async () => 2)).toBe(2);
    await cache.getOrLoad("b", async () => 3);
    await cache.getOrLoad("c", async () => 4);
    // "a" was the oldest and made room for "c".
    expect(await cache.getOrLoad("a", async () => 5)).toBe(5);
  });
});
