// A tiny in-process cache with expiry. Enough for Stripe status checks: a stale
// answer costs at most one TTL, and each server process keeps its own copy.

type Entry<V> = { value: Promise<V>; expiresAt: number };

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached value, or the loader's; concurrent callers share one load, and a
   * load that throws is forgotten so the next caller tries again.
   */
  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const found = this.entries.get(key);
    if (found && found.expiresAt > this.now()) return found.value;
    if (this.entries.size >= this.maxEntries) this.evictExpiredOrOldest();
    const value = load();
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private evictExpiredOrOldest(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
