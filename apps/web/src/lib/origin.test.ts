import { describe, expect, it } from "vitest";
import { checkOrigin, siteOrigin } from "./origin";

const site = "http://127.0.0.1:3310";

describe("siteOrigin", () => {
  const url = new URL("http://127.0.0.1:3310/catalog");
  const cases: [string, Record<string, string>, string | null][] = [
    ["the Host header and the URL's scheme", { host: "127.0.0.1:3310" }, "http://127.0.0.1:3310"],
    ["x-forwarded-host and x-forwarded-proto from a load balancer", { host: "10.0.0.5:3000", "x-forwarded-host": "cartograph.example", "x-forwarded-proto": "https" }, "https://cartograph.example"],
    ["the first of a list of forwarded values", { "x-forwarded-host": "a.example, b.example", "x-forwarded-proto": "https,http" }, "https://a.example"],
    ["a default port dropped", { host: "cartograph.example:443", "x-forwarded-proto": "https" }, "https://cartograph.example"],
    ["a bracketed IPv6 host", { host: "[::1]:3000" }, "http://[::1]:3000"],
    ["the URL's host when no header names one", {}, "http://127.0.0.1:3310"],
    ["an unknown forwarded scheme ignored", { host: "example.com", "x-forwarded-proto": "gopher" }, "http://example.com"],
    ["nothing for a host that smuggles a path", { host: "evil.example/x" }, null],
    ["nothing for a host with userinfo", { host: "user@evil.example" }, null],
  ];
  it.each(cases)("uses %s", (_what, headers, expected) => {
    expect(siteOrigin(new Headers(headers), url)).toBe(expected);
  });
});

describe("checkOrigin", () => {
  const cases: [string, { method: string; origin?: string; referer?: string; site?: string | null }, boolean][] = [
    ["GET from anywhere", { method: "GET", origin: "http://evil.example" }, true],
    ["HEAD without headers", { method: "HEAD" }, true],
    ["OPTIONS without headers", { method: "options" }, true],
    ["POST from the site", { method: "POST", origin: site }, true],
    ["POST from the site, origin with a default port", { method: "POST", origin: "https://cartograph.example:443", site: "https://cartograph.example" }, true],
    ["POST from another site", { method: "POST", origin: "http://evil.example" }, false],
    ["POST from another port of the same host", { method: "POST", origin: "http://127.0.0.1:3311" }, false],
    ["POST from the same host over the other scheme", { method: "POST", origin: "https://127.0.0.1:3310" }, false],
    ["POST from another site, even with a matching Referer", { method: "POST", origin: "http://evil.example", referer: `${site}/` }, false],
    ["POST without Origin, Referer of the site", { method: "POST", referer: `${site}/catalog/component/default/x?y=1` }, true],
    ["POST with Origin null, Referer of the site", { method: "POST", origin: "null", referer: `${site}/` }, true],
    ["POST with Origin null and no Referer", { method: "POST", origin: "null" }, false],
    ["POST without Origin, Referer of another site", { method: "POST", referer: "http://evil.example/page" }, false],
    ["POST without Origin or Referer", { method: "POST" }, false],
    ["POST with an unparsable Referer", { method: "POST", referer: "not a url" }, false],
    ["PUT from another site", { method: "PUT", origin: "http://evil.example" }, false],
    ["DELETE from the site", { method: "DELETE", origin: site }, true],
    ["PATCH without Origin or Referer", { method: "PATCH" }, false],
    ["POST when the site's origin is unknown", { method: "POST", origin: site, site: null }, false],
  ];
  it.each(cases)("%s", (_what, request, allowed) => {
    const decision = checkOrigin({ method: request.method, origin: request.origin ?? null, referer: request.referer ?? null, site: request.site === undefined ? site : request.site });
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) expect(decision.reason).toMatch(/\w/);
  });
});
