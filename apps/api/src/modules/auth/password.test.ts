import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, parsePasswordHash, SCRYPT_PARAMS, verifyPassword } from "./password.ts";

describe("hashPassword / verifyPassword", () => {
  it("round-trips, and stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key", async () => {
    const stored = await hashPassword("plum tractor sideways 42");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const parsed = parsePasswordHash(stored)!;
    expect({ N: parsed.N, r: parsed.r, p: parsed.p, salt: parsed.salt.length, hash: parsed.hash.length }).toEqual({
      N: SCRYPT_PARAMS.N,
      r: SCRYPT_PARAMS.r,
      p: SCRYPT_PARAMS.p,
      salt: 16,
      hash: 32,
    });
    expect(await verifyPassword(stored, "plum tractor sideways 42")).toBe(true);
    expect(await verifyPassword(stored, "plum tractor sideways 43")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("salts every hash, so the same password never hashes the same twice", async () => {
    const [a, b] = await Promise.all([hashPassword("same password here"), hashPassword("same password here")]);
    expect(a).not.toBe(b);
  });

  it("verifies with the parameters stored in the hash, not the current ones", async () => {
    // A hash made with cheaper parameters (as an older release might have) still verifies.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync("legacy password!", salt, 24, { N: 1024, r: 4, p: 2 });
    const stored = `scrypt$1024$4$2$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(parsePasswordHash(stored)).toMatchObject({ N: 1024, r: 4, p: 2 });
    expect(await verifyPassword(stored, "legacy password!")).toBe(true);
    expect(await verifyPassword(stored, "legacy password?")).toBe(false);
  });

  it("normalizes Unicode, so the same password typed on two keyboards verifies", async () => {
    const stored = await hashPassword("cafe\u0301 au lait, s'il vous plait");
    expect(await verifyPassword(stored, "caf\u00e9 au lait, s'il vous plait")).toBe(true);
  });

  it.each([
    ["another algorithm", "bcrypt$2b$10$abc"],
    ["missing parts", "scrypt$32768$8$1$c2FsdA"],
    ["N not a power of two", "scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["N absurdly large", "scrypt$1073741824$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["r out of range", "scrypt$32768$99$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["empty", ""],
  ])("never matches a stored value with %s", async (_case, stored) => {
    expect(parsePasswordHash(stored)).toBeNull();
    expect(await verifyPassword(stored, "anything")).toBe(false);
  });

  it("keeps one dummy hash, of the current parameters, for unknown emails", async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(parsePasswordHash(dummy)).toMatchObject({ N: SCRYPT_PARAMS.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p });
  });
});
