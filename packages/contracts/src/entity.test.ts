import { describe, expect, it } from "vitest";
import { ComponentEntitySchema } from "./catalog/kinds.ts";
import { EntitySchema } from "./entity.ts";
import { canonicalRef, entityPath, tryParseRef } from "./entity-ref.ts";

const served = {
  apiVersion: "backstage.io/v1alpha1",
  kind: "Group",
  metadata: { name: "team-a", namespace: "default", uid: "u1", etag: "e1", createdAt: "2024-01-01T00:00:00Z", updatedAt: "2024-01-01T00:00:00Z" },
  spec: { type: "team", children: [] },
};

describe("EntitySchema (the served shape)", () => {
  it("takes any kind's spec, with relations and status", () => {
    const entity = {
      ...served,
      relations: [{ type: "ownerOf", targetRef: "component:default/payments" }],
      status: { items: [{ type: "backstage.io/catalog-processing", level: "warning", message: "unresolved placeholder" }] },
    };
    expect(EntitySchema.parse(entity)).toEqual(entity);
  });

  it("leaves relations and status out when there are none", () => {
    expect(EntitySchema.parse(served)).toEqual(served);
  });

  it("refuses a status level Backstage does not know", () => {
    expect(EntitySchema.safeParse({ ...served, status: { items: [{ type: "x", level: "fatal", message: "m" }] } }).success).toBe(false);
  });
});

describe("ComponentEntitySchema", () => {
  it("is the Component schema and defaults the namespace", () => {
    const parsed = ComponentEntitySchema.parse({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "payments" },
      spec: { type: "service", lifecycle: "production", owner: "team-a" },
    });
    expect(parsed.metadata.namespace).toBe("default");
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
