import { compileCatalogModel, defaultCatalogEntityModel } from "@backstage/catalog-model/alpha";
import { describe, expect, it } from "vitest";
import { BUILTIN_KINDS, RELATION_FIELDS, type BuiltinKind } from "./kinds.ts";
import { deriveRelations, RELATION_PAIRS, reverseOf } from "./relations.ts";
import { FULL, MINIMAL, withFields } from "./test-fixtures.ts";
import { validateDescriptor, type ValidatedEntity } from "./validate.ts";

function validated(input: unknown): ValidatedEntity {
  const result = validateDescriptor(input);
  if (!result.ok) throw new Error(`expected a valid descriptor: ${JSON.stringify(result.errors)}`);
  return result.entity;
}

/** MINIMAL[kind] in namespace `ops`, with `fields` added to its spec. */
const inOps = (kind: BuiltinKind, fields: Record<string, unknown>) =>
  validated(withFields(MINIMAL[kind], { metadata: { namespace: "ops" }, spec: fields }));

describe("deriveRelations: completing short references", () => {
  it.each([
    // [kind, spec field, value, relation, target]
    ["Component", "owner", "team-a", "ownedBy", "group:ops/team-a"],
    ["Component", "owner", "default/team-a", "ownedBy", "group:default/team-a"],
    ["Component", "owner", "user:alice", "ownedBy", "user:ops/alice"],
    ["Component", "owner", "User:Other/Alice", "ownedBy", "user:other/alice"],
    ["Component", "system", "checkout", "partOf", "system:ops/checkout"],
    ["Component", "subcomponentOf", "shop", "partOf", "component:ops/shop"],
    ["Component", "providesApis", ["orders"], "providesApi", "api:ops/orders"],
    ["Component", "consumesApis", ["shared/orders"], "consumesApi", "api:shared/orders"],
    ["Component", "dependsOn", ["resource:db"], "dependsOn", "resource:ops/db"],
    ["Component", "dependencyOf", ["component:web"], "dependencyOf", "component:ops/web"],
    ["API", "system", "checkout", "partOf", "system:ops/checkout"],
    ["Resource", "dependsOn", ["component:default/x"], "dependsOn", "component:default/x"],
    ["Resource", "dependencyOf", ["component:x"], "dependencyOf", "component:ops/x"],
    ["System", "domain", "commerce", "partOf", "domain:ops/commerce"],
    ["Domain", "subdomainOf", "business", "partOf", "domain:ops/business"],
    ["Group", "parent", "engineering", "childOf", "group:ops/engineering"],
    ["Group", "children", ["web"], "parentOf", "group:ops/web"],
    ["Group", "members", ["alice"], "hasMember", "user:ops/alice"],
    ["Group", "members", ["group:nested"], "hasMember", "group:ops/nested"],
    ["User", "memberOf", ["team-a"], "memberOf", "group:ops/team-a"],
    ["Template", "owner", "team-a", "ownedBy", "group:ops/team-a"],
  ] as const)("%s %s: %j gives %s -> %s", (kind, field, value, type, targetRef) => {
    expect(deriveRelations(inOps(kind, { [field]: value }))).toContainEqual({ type, targetRef });
  });
});

describe("deriveRelations: every relation of a full entity", () => {
  it.each<[BuiltinKind, [string, string][]]>([
    [
      "Component",
      [
        ["consumesApi", "api:ops/orders-api"],
        ["dependencyOf", "component:ops/web"],
        ["dependsOn", "component:ops/ledger"],
        ["dependsOn", "resource:ops/payments-db"],
        ["ownedBy", "group:ops/team-a"],
        ["partOf", "component:ops/shop"],
        ["partOf", "system:ops/checkout"],
        ["providesApi", "api:ops/payments-api"],
        ["providesApi", "api:shared/refunds"],
      ],
    ],
    ["API", [["ownedBy", "user:ops/alice"], ["partOf", "system:ops/checkout"]]],
    [
      "Resource",
      [
        ["dependencyOf", "component:ops/payments"],
        ["dependsOn", "resource:ops/disk"],
        ["ownedBy", "group:ops/team-a"],
        ["partOf", "system:ops/checkout"],
      ],
    ],
    ["System", [["ownedBy", "group:ops/team-a"], ["partOf", "domain:ops/commerce"]]],
    ["Domain", [["ownedBy", "group:ops/team-a"], ["partOf", "domain:ops/business"]]],
    [
      "Group",
      [
        ["childOf", "group:ops/engineering"],
        ["hasMember", "user:ops/alice"],
        ["hasMember", "user:ops/bob"],
        ["parentOf", "group:ops/team-a-data"],
        ["parentOf", "group:ops/team-a-web"],
      ],
    ],
    ["User", [["memberOf", "group:default/everyone"], ["memberOf", "group:ops/team-a"]]],
    ["Location", []],
    ["Template", [["ownedBy", "group:ops/team-a"]]],
  ])("%s", (kind, expected) => {
    expect(deriveRelations(validated(FULL[kind]))).toEqual(expected.map(([type, targetRef]) => ({ type, targetRef })));
  });

  it.each(BUILTIN_KINDS)("emits only what the spec holds for a minimal %s", (kind) => {
    const owner = ["Component", "API", "Resource", "System", "Domain"].includes(kind) ? [{ type: "ownedBy", targetRef: "group:default/team-a" }] : [];
    expect(deriveRelations(validated(MINIMAL[kind]))).toEqual(owner);
  });
});

describe("deriveRelations: duplicates and order", () => {
  it("merges references that name the same entity in different spellings", () => {
    const entity = inOps("Component", { dependsOn: ["resource:db", "Resource:ops/DB", "resource:ops/db"], owner: "Team-A" });
    expect(deriveRelations(entity)).toEqual([
      { type: "dependsOn", targetRef: "resource:ops/db" },
      { type: "ownedBy", targetRef: "group:ops/team-a" },
    ]);
  });

  it("keeps one relation per type and target, even when two fields emit it", () => {
    const entity = inOps("Component", { system: "component:shop", subcomponentOf: "shop" });
    expect(deriveRelations(entity).filter((r) => r.type === "partOf")).toEqual([{ type: "partOf", targetRef: "component:ops/shop" }]);
    expect(deriveRelations(inOps("Group", { members: ["alice", "user:alice"] }))).toEqual([{ type: "hasMember", targetRef: "user:ops/alice" }]);
  });

  it("sorts by type, then by target", () => {
    const entity = inOps("Component", { system: "zeta", subcomponentOf: "alpha", dependsOn: ["resource:b", "component:a"] });
    expect(deriveRelations(entity).map((r) => `${r.type} ${r.targetRef}`)).toEqual([
      "dependsOn component:ops/a",
      "dependsOn resource:ops/b",
      "ownedBy group:ops/team-a",
      "partOf component:ops/alpha",
      "partOf system:ops/zeta",
    ]);
  });

  it("emits nothing for a kind it does not model", () => {
    const widget = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w", namespace: "default" }, spec: { owner: "team-a" } };
    expect(deriveRelations(widget)).toEqual([]);
  });
});

describe("relation pairs", () => {
  it.each([
    ["ownedBy", "ownerOf"],
    ["providesApi", "apiProvidedBy"],
    ["consumesApi", "apiConsumedBy"],
    ["dependsOn", "dependencyOf"],
    ["childOf", "parentOf"],
    ["memberOf", "hasMember"],
    ["partOf", "hasPart"],
  ])("%s and %s are each other's inverse", (a, b) => {
    expect(reverseOf(a)).toBe(b);
    expect(reverseOf(b)).toBe(a);
  });

  it("knows no inverse for an unknown type", () => {
    expect(reverseOf("likes")).toBeUndefined();
  });

  // Backstage publishes its model as data (alpha API); these tests fail if a new version moves away from ours.
  const model = compileCatalogModel([defaultCatalogEntityModel]);

  it("pairs exactly the types Backstage's model pairs", () => {
    const unordered = (a: string, b: string) => [a, b].sort().join("/");
    const ours = new Set(RELATION_PAIRS.map((p) => unordered(p.forward, p.reverse)));
    const theirs = new Set(model.listRelations().map((r) => unordered(r.forward.type, r.reverse.type)));
    expect(ours).toEqual(theirs);
  });

  it.each(BUILTIN_KINDS.filter((k) => k !== "Template"))("declares the same reference fields for %s as Backstage's model", (kind) => {
    const theirs = model.getKind({ kind, apiVersion: "backstage.io/v1alpha1" })!.relationFields.map((f) => ({
      field: f.path.replace(/^spec\./, ""),
      relation: f.relation,
      defaultKind: f.defaultKind,
    }));
    const ours = RELATION_FIELDS[kind].map(({ field, relation, defaultKind }) => ({ field, relation, defaultKind }));
    const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
    expect(ours.sort(byField)).toEqual(theirs.sort(byField));
  });
});
