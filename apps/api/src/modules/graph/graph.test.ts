import { describe, expect, it } from "vitest";
import { edgeOf, forwardTypesOf, neighbourTypes, splitRef } from "./graph.ts";

describe("edgeOf", () => {
  it.each([
    ["component:default/a", "dependsOn", "component:default/b", { source: "component:default/a", type: "dependsOn", target: "component:default/b" }],
    ["component:default/b", "dependencyOf", "component:default/a", { source: "component:default/a", type: "dependsOn", target: "component:default/b" }],
    ["group:default/p", "parentOf", "group:default/c", { source: "group:default/c", type: "childOf", target: "group:default/p" }],
    ["group:default/t", "hasMember", "user:default/u", { source: "user:default/u", type: "memberOf", target: "group:default/t" }],
  ])("%s %s %s is drawn in the forward sense", (origin, type, target, edge) => {
    expect(edgeOf(origin, type, target)).toEqual(edge);
  });
});

describe("neighbourTypes", () => {
  it("reads every type when nothing narrows the walk", () => {
    expect(neighbourTypes(null, "both")).toEqual({ out: null, in: null });
  });
  it("follows a pair outgoing through the forward type declared here and the reverse declared there", () => {
    expect(neighbourTypes(new Set(["dependsOn"]), "outgoing")).toEqual({ out: ["dependsOn"], in: ["dependencyOf"] });
    expect(neighbourTypes(new Set(["dependsOn"]), "incoming")).toEqual({ out: ["dependencyOf"], in: ["dependsOn"] });
  });
});

describe("forwardTypesOf", () => {
  it("takes either name of a pair, in any case, and refuses unknown types", () => {
    expect(forwardTypesOf(["DEPENDENCYOF", "ownerOf"])).toEqual(new Set(["dependsOn", "ownedBy"]));
    expect(forwardTypesOf(undefined)).toBeNull();
    let refused: unknown;
    try {
      forwardTypesOf(["likes"]);
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ status: 400, code: "invalid_query", extra: { errors: [{ path: "relation", message: expect.stringMatching(/unknown relation type likes/) }] } });
  });
});

it("splitRef splits a canonical ref whose name holds slashes or colons", () => {
  expect(splitRef("component:default/a:b/c")).toEqual({ kind: "component", namespace: "default", name: "a:b/c" });
});
