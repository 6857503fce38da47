import { describe, expect, it } from "vitest";
import { actorLabel, parseChangeEvent } from "./live-updates";

const change = { id: "42", ref: "component:default/checkout", operation: "updated", etag: "e2", actor: "account:bruno", source: null, at: "2026-11-26T03:00:00Z" };

describe("parseChangeEvent", () => {
  it("reads a change event's data line", () => {
    expect(parseChangeEvent(JSON.stringify(change))).toEqual(change);
    expect(parseChangeEvent(JSON.stringify({ ...change, operation: "deleted", etag: null }))?.operation).toBe("deleted");
  });

  it.each([
    ["not JSON", "{"],
    ["not an object", "3"],
    ["an unknown operation", JSON.stringify({ ...change, operation: "renamed" })],
    ["no ref", JSON.stringify({ ...change, ref: undefined })],
    ["a numeric etag", JSON.stringify({ ...change, etag: 7 })],
  ])("refuses %s", (_what, data) => {
    expect(parseChangeEvent(data)).toBeNull();
  });
});

describe("actorLabel", () => {
  it.each([
    ["account:ana@northwind.example", "ana@northwind.example"],
    ["token:ci-bot", "API token ci-bot"],
    ["system", "system"],
  ])("%s reads %s", (actor, label) => {
    expect(actorLabel(actor)).toBe(label);
  });
});
