import { describe, expect, it } from "vitest";
import { pathOf, routeLabel } from "./route-label";

describe("routeLabel", () => {
  it.each([
    ["/", "/"],
    ["/sign-in", "/sign-in"],
    ["/sign-in/expired", "/sign-in/expired"],
    ["/register", "/register"],
    ["/events", "/events"],
    ["/healthz", "/healthz"],
    ["/livez", "/livez"],
    ["/metrics", "/metrics"],
    ["/icon.svg", "/icon.svg"],
    ["/_next/static/chunks/app/page-0123abcd.js", "/_next/static"],
    ["/_next/static/css/9f8e.css", "/_next/static"],
    ["/_next/image", "other"],
    ["/_next/image/x", "/_next/image"],
    ["/catalog/component/default/payments", "/catalog/[kind]/[namespace]/[name]"],
    ["/catalog/component/default/payments/", "/catalog/[kind]/[namespace]/[name]"],
    ["/catalog/api/team-a/orders-api/definition", "/catalog/[kind]/[namespace]/[name]/definition"],
    ["/catalog/system/default/shop/architecture", "/catalog/[kind]/[namespace]/[name]/architecture"],
    ["/catalog/component/default/payments/graph", "/catalog/[kind]/[namespace]/[name]/graph"],
    ["/catalog/component/default/payments/history", "/catalog/[kind]/[namespace]/[name]/history"],
    ["/catalog/component/default/payments/edit", "/catalog/[kind]/[namespace]/[name]/edit"],
    ["/catalog/component/default/payments/yaml", "/catalog/[kind]/[namespace]/[name]/yaml"],
    ["/catalog/component/default/payments/yaml/download", "/catalog/[kind]/[namespace]/[name]/yaml/download"],
  ])("%s is %s", (path, label) => {
    expect(routeLabel(path)).toBe(label);
  });

  it.each([
    "/catalog",
    "/catalog/component",
    "/catalog/component/default",
    "/catalog/component/default/payments/no-such-tab",
    "/catalog/component/default/payments/history/extra",
    "/catalog//default/payments",
    "/wp-login.php",
    "/sign-in/../../etc/passwd",
    "/REGISTER",
    "",
  ])("%j is other", (path) => {
    expect(routeLabel(path)).toBe("other");
  });

  it("gives a bounded set of labels however many distinct paths arrive", () => {
    const labels = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      labels.add(routeLabel(`/catalog/component/ns-${i}/svc-${i}`));
      labels.add(routeLabel(`/catalog/component/ns-${i}/svc-${i}/history`));
      labels.add(routeLabel(`/random/${i}`));
      labels.add(routeLabel(`/_next/static/chunks/${i}.js`));
    }
    expect([...labels].sort()).toEqual(["/_next/static", "/catalog/[kind]/[namespace]/[name]", "/catalog/[kind]/[namespace]/[name]/history", "other"]);
  });
});

describe("pathOf", () => {
  it.each([
    ["/catalog/component/default/x?tab=1", "/catalog/component/default/x"],
    ["/?_rsc=abc", "/"],
    ["/a#frag", "/a"],
    ["/plain", "/plain"],
    [undefined, "/"],
  ])("%s has the path %s", (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});
