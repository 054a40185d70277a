// Intentionally empty: stands in for the `server-only` marker under Vitest.
export {};
