import type { GraphNode, GraphResponse } from "@cartograph/contracts";

// Graph answers shaped like the API's, for the unit tests of the diagram code.

export function node(ref: string, extra: Partial<GraphNode> = {}): GraphNode {
  const [kind, rest] = ref.split(":") as [string, string];
  const [namespace, name] = rest.split("/") as [string, string];
  return { ref, kind, namespace, name, title: null, type: null, lifecycle: null, owner: null, system: null, exists: true, distance: 1, ...extra };
}

/** checkout-service with an API it provides, one it consumes, a database and a dangling dependency. */
export const checkoutGraph: GraphResponse = {
  root: "component:default/checkout-service",
  nodes: [
    node("component:default/checkout-service", { title: "Checkout service", distance: 0, system: "checkout" }),
    node("api:default/orders-api"),
    node("api:default/payments-api"),
    node("resource:default/commerce-db"),
    node("component:default/ghost", { exists: false }),
  ],
  edges: [
    { source: "component:default/checkout-service", type: "providesApi", target: "api:default/orders-api" },
    { source: "component:default/checkout-service", type: "consumesApi", target: "api:default/payments-api" },
    { source: "component:default/checkout-service", type: "dependsOn", target: "resource:default/commerce-db" },
    { source: "component:default/checkout-service", type: "dependsOn", target: "component:default/ghost" },
  ],
  truncated: null,
};

/** A hub with `count` dependents, every third one pointing the other way, plus some cross links. */
export function hubGraph(count: number): GraphResponse {
  const root = "component:default/hub";
  const nodes = [node(root, { distance: 0 })];
  const edges: GraphResponse["edges"] = [];
  for (let i = 0; i < count; i++) {
    const ref = `component:default/leaf-${i}`;
    nodes.push(node(ref, { distance: 1 }));
    edges.push(i % 3 === 0 ? { source: ref, type: "dependsOn", target: root } : { source: root, type: "dependsOn", target: ref });
    if (i >= 7 && i % 5 === 0) edges.push({ source: ref, type: "consumesApi", target: `component:default/leaf-${i - 7}` });
  }
  return { root, nodes, edges, truncated: null };
}

/** The checkout system: two parts, a database, and a dependency on another system's API. */
export const checkoutArchitecture: GraphResponse = {
  root: "system:default/checkout",
  nodes: [
    node("system:default/checkout", { title: "Checkout", distance: 0 }),
    node("component:default/checkout-service", { system: "checkout", distance: 0 }),
    node("api:default/orders-api", { system: "checkout", distance: 0 }),
    node("resource:default/commerce-db", { system: "system:default/checkout", distance: 0 }),
    node("api:default/payments-api", { system: "payments", distance: 1, external: true }),
  ],
  edges: [
    { source: "component:default/checkout-service", type: "partOf", target: "system:default/checkout" },
    { source: "component:default/checkout-service", type: "providesApi", target: "api:default/orders-api" },
    { source: "component:default/checkout-service", type: "dependsOn", target: "resource:default/commerce-db" },
    { source: "component:default/checkout-service", type: "consumesApi", target: "api:default/payments-api" },
  ],
  truncated: null,
};
