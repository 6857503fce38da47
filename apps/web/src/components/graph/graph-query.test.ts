import { describe, expect, it } from "vitest";
import { graphHref, readGraphQuery } from "./graph-query";

describe("readGraphQuery", () => {
  it("defaults to depth 1, both directions, every relation and kind", () => {
    expect(readGraphQuery({})).toEqual({ query: { depth: 1, direction: "both", limit: 500 }, limitSet: false, problems: [] });
  });

  it("reads repeated relation and kind parameters, kinds lower-cased", () => {
    const { query, problems } = readGraphQuery({ depth: "3", relation: ["dependsOn", "consumesApi"], kind: "API", direction: "outgoing", limit: "20" });
    expect(problems).toEqual([]);
    expect(query).toEqual({ depth: 3, relation: ["dependsOn", "consumesApi"], kind: ["api"], direction: "outgoing", limit: 20 });
  });

  it.each([
    [{ depth: "9" }, "depth must be at most 4"],
    [{ depth: "x" }, "depth must be a number"],
    [{ direction: "sideways" }, "direction must be both, outgoing or incoming"],
    [{ limit: "0" }, "limit must be at least 1"],
  ])("names a bad parameter (%o) and falls back to its default", (params, message) => {
    const { query, problems } = readGraphQuery({ ...params, relation: "dependsOn" });
    expect(problems).toEqual([message]);
    expect(query.relation).toEqual(["dependsOn"]);
    expect(query.depth).toBe(1);
  });

  it("ignores parameters the graph does not use", () => {
    expect(readGraphQuery({ saved: "1" }).problems).toEqual([]);
  });
});

describe("graphHref", () => {
  it("changes one thing and keeps the rest", () => {
    const { query, limitSet } = readGraphQuery({ depth: "3", kind: ["component", "api"], limit: "50" });
    expect(graphHref("/catalog/component/default/x/graph", query, { depth: 1 }, limitSet)).toBe("/catalog/component/default/x/graph?depth=1&kind=component&kind=api&limit=50");
  });
});
