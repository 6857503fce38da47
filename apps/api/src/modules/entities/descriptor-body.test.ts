import { describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { parseYamlDescriptor } from "./descriptor-body.ts";

function failure(text: string): AppError {
  try {
    parseYamlDescriptor(text);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("parseYamlDescriptor", () => {
  it("reads one document, ignoring a leading separator and comments", () => {
    expect(parseYamlDescriptor("# c\n---\nkind: Component\nmetadata: {name: a}\n")).toEqual({ kind: "Component", metadata: { name: "a" } });
  });

  it("does not apply merge keys (Backstage parses with them off)", () => {
    expect(parseYamlDescriptor("base: &b {x: 1}\nspec:\n  <<: *b\n")).toEqual({ base: { x: 1 }, spec: { "<<": { x: 1 } } });
  });

  it("locates a path in the YAML, or its nearest present ancestor", async () => {
    const { parseYamlDocuments } = await import("./descriptor-body.ts");
    const [, second] = parseYamlDocuments("a: 1\n---\nkind: Component\nspec:\n  owner: x\n  dependsOn:\n    - y\n", 10);
    expect(second?.index).toBe(1);
    expect(second?.locate(["spec", "dependsOn", 0])).toEqual({ line: 7, column: 7 });
    expect(second?.locate(["spec", "lifecycle"])).toEqual({ line: 5, column: 3 });
  });

  it.each([
    ["", "empty_body"],
    ["a: 1\n---\nb: 2\n", "multiple_documents"],
    ["a: [1\n", "invalid_yaml"],
    ["a: 1\na: 2\n", "invalid_yaml"],
  ])("refuses %j with %s", (text, code) => {
    expect(failure(text).code).toBe(code);
  });

  it("positions syntax errors by line and column", () => {
    const error = failure("apiVersion: v1\nmetadata:\n  name: [x\nspec: {}\n");
    expect(error.extra.errors?.[0]).toMatchObject({ document: 0, line: expect.any(Number), column: expect.any(Number) });
    expect(error.extra.errors?.[0]?.line).toBeGreaterThanOrEqual(3);
  });
});
