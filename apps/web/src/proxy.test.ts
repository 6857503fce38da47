import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// proxy.ts reads the configuration once; each test imports a fresh copy with its own.
async function loadProxy(env: { ANONYMOUS_READ?: string } = {}) {
  vi.resetModules();
  vi.stubEnv("API_URL", "http://127.0.0.1:4999");
  vi.stubEnv("ANONYMOUS_READ", env.ANONYMOUS_READ ?? "");
  return (await import("./proxy")).proxy;
}

const SITE = "http://127.0.0.1:3310";
const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(path, SITE), { method: init.method ?? "GET", headers: { host: "127.0.0.1:3310", ...init.headers } });
const signedIn = { cookie: "cartograph_session=cgs_test" };

describe("proxy", () => {
  beforeEach(() => vi.unstubAllEnvs());
  afterEach(() => vi.unstubAllEnvs());

  it("refuses a cross-site POST before anything else runs", async () => {
    const proxy = await loadProxy();
    const response = proxy(request("/", { method: "POST", headers: { origin: "http://evil.example", ...signedIn } }));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("must come from this site");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("lets a same-site POST through, even without a session (sign-in, sign-out)", async () => {
    const proxy = await loadProxy();
    const response = proxy(request("/sign-in", { method: "POST", headers: { origin: SITE } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("sends an anonymous visitor to sign in, remembering the page", async () => {
    const proxy = await loadProxy();
    const response = proxy(request("/?kind=component"));
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location")!, SITE);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("next")).toBe("/?kind=component");
  });

  it("does not send anyone to sign in for the sign-in page, health checks or the icon", async () => {
    const proxy = await loadProxy();
    for (const path of ["/sign-in", "/sign-in?next=%2F", "/sign-in/expired?next=%2F", "/healthz", "/icon.svg"]) {
      expect(proxy(request(path)).status, path).toBe(200);
    }
  });

  it("lets anonymous visitors read when ANONYMOUS_READ is true", async () => {
    const proxy = await loadProxy({ ANONYMOUS_READ: "true" });
    expect(proxy(request("/")).status).toBe(200);
  });

  it("lets a visitor with a session cookie through (the API decides whether it is still good)", async () => {
    const proxy = await loadProxy();
    expect(proxy(request("/catalog/component/default/x", { headers: signedIn })).status).toBe(200);
  });

  it("gives the page a fresh nonce in the request's policy, the same one the browser gets", async () => {
    const proxy = await loadProxy();
    const first = proxy(request("/", { headers: signedIn }));
    const policy = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    const second = proxy(request("/", { headers: signedIn }));
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
  });

  it("tells the page the site's origin and path, overriding a client's copy", async () => {
    const proxy = await loadProxy();
    const response = proxy(request("/x?y=1&_rsc=abc", { headers: { ...signedIn, "x-cartograph-origin": "https://evil.example" } }));
    expect(response.headers.get("x-middleware-request-x-cartograph-origin")).toBe(SITE);
    expect(response.headers.get("x-middleware-request-x-cartograph-path")).toBe("/x?y=1");
  });

  it("sets the security headers, and HSTS only when the browser came over HTTPS", async () => {
    const proxy = await loadProxy();
    const http = proxy(request("/", { headers: signedIn }));
    expect(http.headers.get("x-frame-options")).toBe("DENY");
    expect(http.headers.get("x-content-type-options")).toBe("nosniff");
    expect(http.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(http.headers.get("strict-transport-security")).toBeNull();
    const https = proxy(request("/", { headers: { ...signedIn, "x-forwarded-proto": "https" } }));
    expect(https.headers.get("strict-transport-security")).toMatch(/max-age=/);
  });
});
