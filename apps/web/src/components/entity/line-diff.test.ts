import { describe, expect, it } from "vitest";
import { lineDiff } from "./line-diff";

const lines = (n: number, change?: [number, string]) =>
  Array.from({ length: n }, (_, i) => (change && change[0] === i + 1 ? change[1] : `line ${i + 1}`)).join("\n") + "\n";

describe("lineDiff", () => {
  it("shows a changed line as removed then added, with context and the rest collapsed", () => {
    const diff = lineDiff(lines(20), lines(20, [10, "line ten"]));
    expect(diff).toMatchObject({ added: 1, removed: 1 });
    expect(diff.rows).toEqual([
      { type: "skipped", count: 6 },
      { type: "context", oldLine: 7, newLine: 7, text: "line 7" },
      { type: "context", oldLine: 8, newLine: 8, text: "line 8" },
      { type: "context", oldLine: 9, newLine: 9, text: "line 9" },
      { type: "removed", oldLine: 10, text: "line 10" },
      { type: "added", newLine: 10, text: "line ten" },
      { type: "context", oldLine: 11, newLine: 11, text: "line 11" },
      { type: "context", oldLine: 12, newLine: 12, text: "line 12" },
      { type: "context", oldLine: 13, newLine: 13, text: "line 13" },
      { type: "skipped", count: 7 },
    ]);
  });

  it("collapses the unchanged stretch between two distant changes", () => {
    const before = lines(30);
    const after = before.replace("line 2\n", "line two\n").replace("line 28\n", "line 28b\n");
    const skipped = lineDiff(before, after).rows.filter((r) => r.type === "skipped");
    // Lines 6 to 24; nothing after line 28's context reaches past line 30.
    expect(skipped).toEqual([{ type: "skipped", count: 19 }]);
  });

  it("has no rows for equal texts, and all lines added from nothing", () => {
    expect(lineDiff("a\nb\n", "a\nb\n").rows).toEqual([]);
    const created = lineDiff("", "a\nb\n");
    expect(created.rows).toEqual([
      { type: "added", newLine: 1, text: "a" },
      { type: "added", newLine: 2, text: "b" },
    ]);
  });
});
