import { describe, expect, it } from "vitest";
import { describeProblem, problemRange, sortProblems } from "./problems";

describe("describeProblem", () => {
  it.each([
    [{ path: "spec.owner", message: "must be a string", line: 7, column: 3 }, "line 7, column 3: spec.owner: must be a string"],
    [{ path: "spec.owner", message: "spec.owner is required", line: 2 }, "line 2: spec.owner: is required"],
    [{ path: "(root)", message: "Unexpected end of input", line: 4, column: 1 }, "line 4, column 1: Unexpected end of input"],
    [{ path: "kind", message: "is unknown", document: 1 }, "document 2: kind: is unknown"],
  ])("%j reads %j", (error, expected) => {
    expect(describeProblem(error)).toBe(expected);
  });
});

describe("sortProblems", () => {
  it("orders by line and column, unpositioned last", () => {
    const sorted = sortProblems([
      { path: "a", message: "x" },
      { path: "b", message: "x", line: 9, column: 1 },
      { path: "c", message: "x", line: 2, column: 5 },
      { path: "d", message: "x", line: 2, column: 1 },
    ]);
    expect(sorted.map((e) => e.path)).toEqual(["d", "c", "b", "a"]);
  });
});

describe("problemRange", () => {
  const text = "kind: Component\nmetadata:\n  name: x\n";
  it("spans from the column to the end of the line", () => {
    expect(problemRange(text, 3, 3)).toEqual({ from: 28, to: 35 });
    expect(text.slice(28, 35)).toBe("name: x");
  });
  it("clamps a line past the end and a column past the line", () => {
    expect(problemRange(text, 99, 1)).toEqual({ from: text.length, to: text.length });
    expect(problemRange(text, 1, 80)).toEqual({ from: 15, to: 15 });
  });
  it("puts an unpositioned problem at the start", () => {
    expect(problemRange(text, undefined, undefined)).toEqual({ from: 0, to: 0 });
  });
});
