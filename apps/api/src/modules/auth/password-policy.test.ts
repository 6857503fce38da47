import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.ts";
import { assertAcceptablePassword, isCommonPassword, normalizeForComparison, passwordProblems } from "./password-policy.ts";

const email = "jane.doe@example.com";

describe("passwordProblems", () => {
  it.each([
    ["too short", "short pass", /at least 12 characters/],
    ["too long", "x".repeat(100) + "y".repeat(157), /at most 256 characters/],
    ["one character repeated", "aaaaaaaaaaaaaaaa", /single character repeated/],
    ["one symbol repeated", "!!!!!!!!!!!!", /single character repeated/],
    ["a common password", "password1234", /too common/],
    ["a common password with other case and symbols around it", "!!Password2024!!", /too common/],
    ["a common password with digits for letters", "P@ssw0rd2024", /too common/],
    ["a keyboard walk", "1q2w3e4r5t6y", /too common/],
    ["a keyboard walk with a suffix", "qwertyuiop123", /too common/],
    ["a digit run", "123456789012", /too common/],
    ["a word doubled", "sunshinesunshine", /too common/],
    ["the product's name and a year", "Cartograph2026", /too common/],
    ["the email's name", "my name is Jane.Doe ok", /email name \("jane.doe"\)/],
    ["not a string", 12345678901234, /must be a string/],
  ])("refuses %s, naming the field and the rule", (_case, password, message) => {
    const problems = passwordProblems(password, { email });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path === "password")).toBe(true);
    expect(problems.map((p) => p.message).join(" | ")).toMatch(message);
  });

  it.each(["plum tractor sideways 42", "correct-horse-staple-7", "Zr8#kq!mW2vP", "northwind-demo-2026"])("accepts %s", (password) => {
    expect(passwordProblems(password, { email })).toEqual([]);
  });

  it("ignores an email name too short to mean anything", () => {
    expect(passwordProblems("plum tractor sideways 42", { email: "pl@example.com" })).toEqual([]);
  });

  it("reports every broken rule at once, at the path it is given", () => {
    const problems = passwordProblems("janedoe2024", { email: "janedoe@example.com" }, "newPassword");
    expect(problems).toEqual([{ path: "newPassword", message: "must be at least 12 characters" }]);
    const both = passwordProblems("janedoejanedoe", { email: "janedoe@example.com" });
    expect(both.map((p) => p.message)).toEqual([expect.stringMatching(/email name/)]);
  });
});

describe("assertAcceptablePassword", () => {
  it("throws a 422 weak_password ValidationError with field errors", () => {
    let thrown: unknown;
    try {
      assertAcceptablePassword("qwerty123456", { email });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ status: 422, code: "weak_password", extra: { errors: [{ path: "password", message: expect.stringMatching(/too common/) }] } });
  });
});

describe("the common-password list", () => {
  it("holds thousands of entries and compares case-, symbol- and leet-insensitively", () => {
    expect(isCommonPassword("PASSWORD1234")).toBe(true);
    expect(isCommonPassword("welcome2025!")).toBe(true);
    expect(isCommonPassword("q1w2e3r4t5y6")).toBe(true);
    expect(isCommonPassword("plum tractor sideways 42")).toBe(false);
    expect(normalizeForComparison("  P@$$w0rd!! ")).toBe("password");
  });
});
