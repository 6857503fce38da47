import { describe, expect, it } from "vitest";
import { inverseTypeOf } from "./inverse-relations.ts";

describe("inverseTypeOf", () => {
  it.each([
    ["relations.ownerof", "ownedBy"],
    ["relations.apiprovidedby", "providesApi"],
    ["relations.apiconsumedby", "consumesApi"],
    ["relations.haspart", "partOf"],
    ["relations.hasmember", "memberOf"],
    ["relations.memberof", "hasMember"],
    ["relations.dependencyof", "dependsOn"],
    ["relations.dependson", "dependencyOf"],
    ["relations.parentof", "childOf"],
    ["relations.childof", "parentOf"],
  ])("reads %s from stored %s rows, in their camelCase", (key, type) => {
    expect(inverseTypeOf(key)).toBe(type);
  });

  // No descriptor field emits ownerOf, so the owner_ref column alone answers relations.ownedby.
  it.each(["relations.ownedby", "relations.providesapi", "relations.consumesapi", "relations.partof"])(
    "gives %s no inverse side, as no entity declares its inverse",
    (key) => {
      expect(inverseTypeOf(key)).toBeUndefined();
    },
  );

  it.each(["relations.likes", "relations.ownerOf", "spec.owner", "ownerof"])("knows nothing of %s", (key) => {
    expect(inverseTypeOf(key)).toBeUndefined();
  });
});
