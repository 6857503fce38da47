import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuid7.ts";

describe("uuidv7", () => {
  it("is a version 7, variant 10 UUID carrying the time", () => {
    const id = uuidv7(Date.UTC(2026, 10, 26));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 26));
  });

  it("ascends strictly, also past 4096 ids in one millisecond", () => {
    const now = Date.now() + 60_000;
    const ids = Array.from({ length: 10_000 }, () => uuidv7(now));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
