import { describe, expect, it } from "vitest";
import { describeRetryAfter } from "./retry-after";

describe("describeRetryAfter", () => {
  const now = Date.parse("2026-11-26T14:00:00Z");
  const cases: [string | null, string | null][] = [
    ["900", "in 15 minutes (at 14:15 UTC)"],
    ["61", "in 2 minutes (at 14:01 UTC)"],
    ["30", "in 30 seconds (at 14:00 UTC)"],
    ["1", "in 1 second (at 14:00 UTC)"],
    ["0", "in 1 second (at 14:00 UTC)"],
    ["7200", "in 2 hours (at 16:00 UTC)"],
    ["Thu, 26 Nov 2026 14:10:00 GMT", "in 10 minutes (at 14:10 UTC)"],
    [null, null],
    ["", null],
    ["soon", null],
  ];
  it.each(cases)("%j -> %j", (header, expected) => {
    expect(describeRetryAfter(header, now)).toBe(expected);
  });
});
