import { describe, expect, it } from "vitest";
import { parseFilterSets } from "./filters.ts";
import { parsePredicate } from "./predicates.ts";

describe("GET filter sets", () => {
  it("ORs sets, ANDs statements and ORs repeated keys, lower-casing keys and values", () => {
    expect(parseFilterSets(["Kind=Component,kind=API,spec.type=Service", "kind=group"])).toEqual({
      anyOf: [[{ anyOf: [[{ key: "kind", values: ["component", "api"] }, { key: "spec.type", values: ["service"] }]] }], [{ key: "kind", values: ["group"] }]],
    });
  });

  it("treats a bare key as exists, also as an array item, and `=true` likewise", () => {
    expect(parseFilterSets(["metadata.tags.java"])).toEqual({
      anyOf: [[{ key: "metadata.tags.java", exists: true }], [{ key: "metadata", values: ["tags.java"] }], [{ key: "metadata.tags", values: ["java"] }]],
    });
    expect(parseFilterSets(["kind="])).toEqual({ key: "kind", values: [""] });
  });

  it("matches everything without filters and refuses empty statements", () => {
    expect(parseFilterSets(undefined)).toEqual({ anyOf: [[]] });
    expect(() => parseFilterSets(["kind=a,,b"])).toThrow(/Invalid filter, '' is not a valid statement/);
  });
});

describe("predicates", () => {
  it("compiles combinators and matchers", () => {
    expect(
      parsePredicate({
        $all: [{ kind: "Component" }, { $not: { "spec.lifecycle": { $in: ["experimental", 1] } } }],
        "metadata.name": { $hasPrefix: "Pay" },
        "spec.system": { $exists: false },
        "metadata.tags": { $contains: true },
      }),
    ).toEqual({
      anyOf: [
        [
          { anyOf: [[{ key: "kind", values: ["component"] }, { not: [[{ key: "spec.lifecycle", values: ["experimental", "1"] }]] }]] },
          { key: "metadata.name", prefix: "pay" },
          { not: [[{ anyOf: [[{ key: "spec.system", exists: true }], [{ key: "spec", values: ["system"] }]] }]] },
          { anyOf: [[{ key: "metadata.tags", values: ["true"] }], [{ key: "metadata", values: ["tags"] }]] },
        ],
      ],
    });
  });

  it("makes an empty $any match nothing and an empty object match everything", () => {
    expect(parsePredicate({ $any: [] })).toEqual({ anyOf: [] });
    expect(parsePredicate({})).toEqual({ anyOf: [[]] });
  });

  it.each([
    [[], /expected an object/],
    [{ $or: [] }, /unknown operator '\$or'/],
    [{ kind: { $eq: "x" } }, /unknown matcher '\$eq'/],
    [{ kind: null }, /query\.kind/],
    [{ kind: {} }, /query\.kind/],
    [{ kind: { $in: [{}] } }, /array of strings/],
    [{ kind: { $exists: "yes" } }, /true or false/],
    [{ $all: {} }, /expected an array/],
  ])("refuses %j", (predicate, message) => {
    expect(() => parsePredicate(predicate)).toThrow(message);
  });

  it("refuses predicates with more values than a statement can bind", () => {
    expect(() => parsePredicate({ kind: { $in: Array.from({ length: 2_001 }, (_, i) => `k${i}`) } })).toThrow(/more than 2000 values/);
    expect(() => parsePredicate({ $any: Array.from({ length: 2_001 }, (_, i) => ({ kind: `k${i}` })) })).toThrow(/more than 2000 values/);
  });

  it("refuses predicates nested too deep", () => {
    let deep: Record<string, unknown> = { kind: "x" };
    for (let i = 0; i < 40; i++) deep = { $not: deep };
    expect(() => parsePredicate(deep)).toThrow(/nested deeper/);
  });
});
