import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/auth/client-ip";

describe("clientIpFrom", () => {
  it("takes the entry TRUSTED_PROXIES from the right, not the client-supplied first one", () => {
    expect(clientIpFrom("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIpFrom("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    // 0: Next's server fills the header with the socket address.
    expect(clientIpFrom("198.51.100.4", 0)).toBe("198.51.100.4");
  });

  it("accepts IPv6 and IPv4-mapped addresses", () => {
    expect(clientIpFrom("2001:DB8::1", 1)).toBe("2001:db8::1");
    expect(clientIpFrom("::ffff:192.0.2.1", 0)).toBe("192.0.2.1");
  });

  it("refuses anything that is not an address, however long", () => {
    expect(clientIpFrom(`${"x".repeat(5000)}`, 1)).toBe("unknown");
    expect(clientIpFrom("1.2.3.4, not-an-ip", 1)).toBe("unknown");
    expect(clientIpFrom("1.2.3.4", 3)).toBe("unknown");
    expect(clientIpFrom(undefined, 0)).toBe("unknown");
    expect(clientIpFrom(`1.2.3.4${" ".repeat(60)}`, 1)).toBe("1.2.3.4");
  });
});
