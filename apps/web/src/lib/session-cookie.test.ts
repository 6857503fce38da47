import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, sessionCookie } from "./session-cookie";

describe("sessionCookie", () => {
  const now = Date.parse("2026-11-26T10:00:00Z");

  it("is httpOnly, SameSite=Lax, site-wide, and lasts until the session expires", () => {
    expect(sessionCookie("cgs_abc", "2026-11-26T22:00:00Z", { secure: false, now })).toEqual({
      name: SESSION_COOKIE,
      value: "cgs_abc",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: false,
      maxAge: 12 * 3600,
    });
  });
  it("is Secure over HTTPS", () => {
    expect(sessionCookie("cgs_abc", "2026-11-26T22:00:00Z", { secure: true, now }).secure).toBe(true);
  });
  it("never gets a negative lifetime, and stays a browser-session cookie without a readable expiry", () => {
    expect(sessionCookie("t", "2026-11-26T09:00:00Z", { secure: false, now }).maxAge).toBe(0);
    expect(sessionCookie("t", "soon", { secure: false, now })).not.toHaveProperty("maxAge");
  });
});
