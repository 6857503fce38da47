import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("contentSecurityPolicy", () => {
  it("allows only scripts carrying this response's nonce, and what they load", () => {
    const policy = directives(contentSecurityPolicy("abc123==", { dev: false, https: false }));
    expect(policy.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("form-action")).toBe("'self'");
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });
  it("never allows eval or inline scripts in production", () => {
    const policy = contentSecurityPolicy("n", { dev: false, https: true });
    expect(policy).not.toContain("unsafe-eval");
    expect(directives(policy).get("script-src")).not.toContain("unsafe-inline");
    expect(directives(policy).has("upgrade-insecure-requests")).toBe(true);
  });
  it("allows eval for next dev only", () => {
    expect(directives(contentSecurityPolicy("n", { dev: true, https: false })).get("script-src")).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is base64 of 128 random bits, new every time", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("securityHeaders", () => {
  it("sets the fixed headers, and HSTS only over HTTPS", () => {
    const http = securityHeaders({ https: false });
    expect(http).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
    expect(http["Permissions-Policy"]).toContain("camera=()");
    expect(http).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});
