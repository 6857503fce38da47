import { describe, expect, it } from "vitest";
import { safeNextPath, signInHref } from "./safe-next";

describe("safeNextPath", () => {
  const cases: [string | null | undefined, string | null][] = [
    ["/", "/"],
    ["/catalog/component/default/checkout-service", "/catalog/component/default/checkout-service"],
    ["/?kind=component&cursor=abc", "/?kind=component&cursor=abc"],
    ["/catalog/x#relations", "/catalog/x#relations"],
    ["/a/../b", "/b"],
    [null, null],
    [undefined, null],
    ["", null],
    ["catalog", null],
    ["//evil.example", null],
    ["//evil.example/path", null],
    ["/\\evil.example", null],
    ["\\\\evil.example", null],
    ["https://evil.example/", null],
    ["javascript:alert(1)", null],
    ["/\tevil", null],
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
    ["/\nevil", null],
    [`/${"a".repeat(3000)}`, null],
  ];
  it.each(cases)("%j -> %j", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe("signInHref", () => {
  it("carries a safe path back", () => {
    expect(signInHref("/?kind=component")).toBe("/sign-in?next=%2F%3Fkind%3Dcomponent");
  });
  it("drops the catalog root, an unsafe path and the sign-in page itself", () => {
    expect(signInHref("/")).toBe("/sign-in");
    expect(signInHref("//evil.example")).toBe("/sign-in");
    expect(signInHref("/sign-in?next=/x")).toBe("/sign-in");
    expect(signInHref("/sign-in/expired")).toBe("/sign-in");
  });
  it("keeps a path that only starts like the sign-in page", () => {
    expect(signInHref("/sign-ins")).toBe("/sign-in?next=%2Fsign-ins");
  });
  it("adds a reason", () => {
    expect(signInHref("/x", "expired")).toBe("/sign-in?next=%2Fx&reason=expired");
    expect(signInHref(null, "signed-out")).toBe("/sign-in?reason=signed-out");
  });
});
