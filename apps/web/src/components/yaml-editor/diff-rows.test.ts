import { describe, expect, it } from "vitest";
import { diffRows, sameText } from "./diff-rows";

describe("diffRows", () => {
  it("marks removed and added lines with their line numbers", () => {
    const rows = diffRows("a\nb\nc\n", "a\nB\nc\n");
    expect(rows).toEqual([
      { kind: "same", text: "a", oldLine: 1, newLine: 1 },
      { kind: "removed", text: "b", oldLine: 2 },
      { kind: "added", text: "B", newLine: 2 },
      { kind: "same", text: "c", oldLine: 3, newLine: 3 },
    ]);
  });

  it("folds long unchanged stretches, keeping context around changes", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n");
    const after = before.replace("line 10", "line ten");
    const rows = diffRows(before, after, 2);
    expect(rows[0]).toEqual({ kind: "skipped", count: 7 });
    expect(rows.filter((r) => r.kind !== "skipped").map((r) => ("text" in r ? r.text : ""))).toEqual(["line 8", "line 9", "line 10", "line ten", "line 11", "line 12"]);
    expect(rows.at(-1)).toEqual({ kind: "skipped", count: 8 });
  });

  it("has no changed rows for equal texts", () => {
    expect(diffRows("a\nb", "a\nb").some((r) => r.kind === "added" || r.kind === "removed")).toBe(false);
    expect(sameText("a\n", "a")).toBe(true);
  });
});
