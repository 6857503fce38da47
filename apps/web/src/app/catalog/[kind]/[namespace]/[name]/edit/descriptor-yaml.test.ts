import type { Entity } from "@cartograph/contracts";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { changeRef, descriptorYaml } from "./descriptor-yaml";

const entity: Entity = {
  apiVersion: "backstage.io/v1alpha1",
  kind: "Component",
  metadata: {
    name: "checkout",
    namespace: "default",
    uid: "u-1",
    etag: "e-1",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-02T00:00:00Z",
    description: "A long description that must not be folded onto a second line by the YAML writer, whatever its length.",
  },
  spec: { type: "service", lifecycle: "production", owner: "team-checkout" },
  relations: [{ type: "ownedBy", targetRef: "group:default/team-checkout" }],
  status: { items: [] },
} as Entity;

describe("descriptorYaml", () => {
  it("keeps what the author writes and drops what the catalog assigns or computes", () => {
    const text = descriptorYaml(entity);
    expect(parse(text)).toEqual({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "checkout", namespace: "default", description: entity.metadata.description },
      spec: { type: "service", lifecycle: "production", owner: "team-checkout" },
    });
    expect(text).not.toMatch(/uid|etag|relations|status|createdAt/);
    expect(text.split("\n").filter((l) => l.includes("description:"))).toHaveLength(1);
    expect(text).toMatch(/^ {2}description: A long description .* length\.$/m);
  });
});

describe("changeRef", () => {
  it("is lower-cased kind:namespace/name", () => {
    expect(changeRef({ kind: "Component", namespace: "Default", name: "Checkout" })).toBe("component:default/checkout");
  });
});
