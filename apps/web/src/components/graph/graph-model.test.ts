import { describe, expect, it } from "vitest";
import { checkoutArchitecture, checkoutGraph, node } from "./graph-fixtures";
import { architectureDiagram, graphDiagram, kindLabel, relationLabel } from "./graph-model";

describe("graphDiagram", () => {
  it("marks the root and dangling nodes and links each node to its entity page", () => {
    const d = graphDiagram(checkoutGraph);
    const root = d.nodes.find((n) => n.root)!;
    expect(root).toMatchObject({ id: "component:default/checkout-service", label: "Checkout service", secondary: "checkout-service", kindLabel: "Component" });
    expect(d.nodes.filter((n) => n.root)).toHaveLength(1);
    const ghost = d.nodes.find((n) => n.id === "component:default/ghost")!;
    expect(ghost.exists).toBe(false);
    expect(ghost.href).toBe("/catalog/component/default/ghost");
    expect(d.nodes.find((n) => n.kind === "api")!.kindLabel).toBe("API");
  });

  it("keeps every edge, labelled by its relation type, and lists the types in legend order", () => {
    const d = graphDiagram(checkoutGraph);
    expect(d.edges).toHaveLength(4);
    expect(d.edges.map((e) => e.label)).toEqual(["provides API", "consumes API", "depends on", "depends on"]);
    expect(d.relationTypes).toEqual(["dependsOn", "consumesApi", "providesApi"]);
  });

  it("lower-cases and encodes entity links, and shows the namespace outside default", () => {
    const d = graphDiagram({ root: "component:Team A/My Svc", nodes: [node("component:Team A/My Svc", { kind: "Component" })], edges: [], truncated: null });
    expect(d.nodes[0]!.href).toBe("/catalog/component/team%20a/my%20svc");
    expect(d.nodes[0]!.secondary).toBe("Team A/My Svc");
  });

  it("collapses duplicate edges", () => {
    const twice = { ...checkoutGraph, edges: [...checkoutGraph.edges, checkoutGraph.edges[0]!] };
    expect(graphDiagram(twice).edges).toHaveLength(4);
  });
});

describe("architectureDiagram", () => {
  it("puts a system's parts in its compartment and what lies outside in a separate one", () => {
    const d = architectureDiagram(checkoutArchitecture, { kind: "system", label: "Checkout" });
    expect(d.groups).toEqual([
      { id: "group:inside", label: "Checkout", external: false },
      { id: "group:outside", label: "Outside Checkout", external: true },
    ]);
    const groupOf = (id: string) => d.nodes.find((n) => n.id === id)!.group;
    expect(groupOf("component:default/checkout-service")).toBe("group:inside");
    expect(groupOf("api:default/payments-api")).toBe("group:outside");
    expect(d.nodes.find((n) => n.id === "api:default/payments-api")!.external).toBe(true);
    expect(groupOf("system:default/checkout")).toBeNull();
  });

  it("groups a domain's parts by their system, bare names and full refs alike", () => {
    const domain = {
      root: "domain:default/commerce",
      nodes: [
        node("domain:default/commerce", { distance: 0 }),
        node("system:default/checkout", { title: "Checkout", distance: 0 }),
        node("component:default/checkout-service", { system: "checkout", distance: 0 }),
        node("resource:default/commerce-db", { system: "system:default/checkout", distance: 0 }),
        node("component:default/web", { system: "storefront", distance: 0 }),
        node("api:default/payments-api", { system: "payments", distance: 1, external: true }),
      ],
      edges: [],
      truncated: null,
    };
    const d = architectureDiagram(domain, { kind: "domain", label: "Commerce" });
    expect(d.groups.map((g) => g.label)).toEqual(["System Checkout", "System storefront", "Outside Commerce"]);
    const groupOf = (id: string) => d.nodes.find((n) => n.id === id)!.group;
    expect(groupOf("system:default/checkout")).toBe("group:system:default/checkout");
    expect(groupOf("component:default/checkout-service")).toBe("group:system:default/checkout");
    expect(groupOf("resource:default/commerce-db")).toBe("group:system:default/checkout");
    expect(groupOf("domain:default/commerce")).toBeNull();
  });
});

describe("labels", () => {
  it.each([
    ["dependsOn", "depends on"],
    ["providesApi", "provides API"],
    ["someNewType", "some new type"],
  ])("relationLabel(%s) is %s", (type, label) => expect(relationLabel(type)).toBe(label));

  it.each([
    ["api", "API"],
    ["Component", "Component"],
    ["widget", "Widget"],
  ])("kindLabel(%s) is %s", (kind, label) => expect(kindLabel(kind)).toBe(label));
});
