import { describe, expect, it } from "vitest";
import { ComponentDescriptorSchema } from "./entity.ts";
import { canonicalRef, entityPath, tryParseRef } from "./entity-ref.ts";
import { toFieldErrors } from "./problem.ts";

const base = {
  apiVersion: "backstage.io/v1alpha1",
  kind: "Component",
  metadata: { name: "payments" },
  spec: { type: "service", lifecycle: "production", owner: "team-a" },
};
const withMeta = (metadata: Record<string, unknown>) => ({ ...base, metadata: { ...base.metadata, ...metadata } });
const withSpec = (spec: Record<string, unknown>) => ({ ...base, spec: { ...base.spec, ...spec } });

function errorPaths(input: unknown): string[] {
  const result = ComponentDescriptorSchema.safeParse(input);
  return result.success ? [] : toFieldErrors(result.error.issues).map((e) => e.path);
}

describe("ComponentDescriptorSchema", () => {
  it("accepts a minimal component and defaults the namespace", () => {
    expect(ComponentDescriptorSchema.parse(base).metadata.namespace).toBe("default");
  });

  it("keeps extra metadata and spec keys, as Backstage does", () => {
    const parsed = ComponentDescriptorSchema.parse({ ...withMeta({ custom: 1 }), spec: { ...base.spec, extra: true } });
    expect(parsed.metadata.custom).toBe(1);
    expect(parsed.spec.extra).toBe(true);
  });

  it.each([
    ["a name starting with '-'", withMeta({ name: "-x" }), "metadata.name"],
    ["a 64-character name", withMeta({ name: "a".repeat(64) }), "metadata.name"],
    ["an upper-case namespace", withMeta({ namespace: "Ops" }), "metadata.namespace"],
    ["a tag with a space", withMeta({ tags: ["ok", "not ok"] }), "metadata.tags[1]"],
    ["a relative link url", withMeta({ links: [{ url: "/docs" }] }), "metadata.links[0].url"],
    ["a numeric annotation", withMeta({ annotations: { "a.io/x": 3 } }), 'metadata.annotations["a.io/x"]'],
    ["a label value with a space", withMeta({ labels: { tier: "a b" } }), "metadata.labels.tier"],
    ["dependsOn without a kind", withSpec({ dependsOn: ["orders-db"] }), "spec.dependsOn[0]"],
    ["an empty owner", withSpec({ owner: "" }), "spec.owner"],
    ["an unknown kind", { ...base, kind: "Widget" }, "kind"],
    ["a foreign apiVersion", { ...base, apiVersion: "example.com/v1" }, "apiVersion"],
    ["output-only relations", { ...base, relations: [] }, "(root)"],
  ])("rejects %s", (_case, input, path) => {
    expect(errorPaths(input)).toEqual([path]);
  });

  it("reports every problem, not only the first", () => {
    expect(errorPaths({ apiVersion: "x", kind: "Component", metadata: { name: "" }, spec: {} })).toHaveLength(5);
  });
});

describe("entity references", () => {
  it("fills the kind from the field default and the namespace from the holder", () => {
    expect(tryParseRef("team-a", { defaultKind: "Group", defaultNamespace: "ops" })).toEqual({ kind: "Group", namespace: "ops", name: "team-a" });
    expect(tryParseRef("orders-db", { defaultNamespace: "default" })).toBeNull();
  });

  it("lower-cases the canonical form and the web path", () => {
    const ref = { kind: "Component", namespace: "Default", name: "Payments" };
    expect(canonicalRef(ref)).toBe("component:default/payments");
    expect(entityPath(ref)).toBe("/catalog/component/default/payments");
  });
});
