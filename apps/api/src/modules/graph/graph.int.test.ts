import type { GraphResponse } from "@cartograph/contracts";
import { GraphResponseSchema } from "@cartograph/contracts";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, useTestApp } from "../../test-support.ts";

const t = useTestApp();
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const v = "backstage.io/v1alpha1";

/** A small shop: two systems in one domain, a dangling dependency, relations declared from both sides. */
export const SHOP = [
  { kind: "Group", metadata: { name: "team-a" }, spec: { type: "team", children: [] } },
  { kind: "Domain", metadata: { name: "commerce" }, spec: { owner: "team-a" } },
  { kind: "System", metadata: { name: "shop", title: "Shop" }, spec: { owner: "team-a", domain: "commerce" } },
  { kind: "System", metadata: { name: "billing" }, spec: { owner: "team-a", domain: "commerce" } },
  {
    kind: "Component",
    metadata: { name: "orders", title: "Orders" },
    spec: { type: "service", lifecycle: "production", owner: "team-a", system: "shop", providesApis: ["orders-api"], consumesApis: ["payments-api"], dependsOn: ["resource:orders-db", "component:ghost"] },
  },
  { kind: "Component", metadata: { name: "orders-worker" }, spec: { type: "service", lifecycle: "production", owner: "team-a", subcomponentOf: "orders" } },
  { kind: "API", metadata: { name: "orders-api" }, spec: { type: "openapi", lifecycle: "production", owner: "team-a", system: "shop", definition: "openapi: 3.0.0" } },
  { kind: "Resource", metadata: { name: "orders-db" }, spec: { type: "database", owner: "team-a", system: "shop" } },
  // Declared from the other side: orders dependsOn payments.
  { kind: "Component", metadata: { name: "payments" }, spec: { type: "service", lifecycle: "production", owner: "team-a", system: "billing", providesApis: ["payments-api"], dependencyOf: ["component:orders"] } },
  { kind: "API", metadata: { name: "payments-api" }, spec: { type: "openapi", lifecycle: "production", owner: "team-a", system: "billing", definition: "openapi: 3.0.0" } },
  { kind: "Component", metadata: { name: "web" }, spec: { type: "website", lifecycle: "production", owner: "team-a", dependsOn: ["component:orders"] } },
].map((e) => ({ apiVersion: v, ...e }));

beforeAll(async () => {
  const res = await request(t.app).post("/api/v1/ingest?source=graph-test").set(admin).send(SHOP);
  expect(res.status).toBe(200);
});

async function graph(path: string, query = ""): Promise<GraphResponse> {
  const res = await request(t.app).get(`/api/v1/entities/${path}/graph${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return GraphResponseSchema.parse(res.body);
}
const refs = (g: GraphResponse) => g.nodes.map((n) => n.ref).sort();
const edges = (g: GraphResponse) => g.edges.map((e) => `${e.source} ${e.type} ${e.target}`).sort();

describe("GET /api/v1/entities/{kind}/{namespace}/{name}/graph", () => {
  it("returns the direct neighbours in both directions, one forward edge per related pair, dangling targets marked", async () => {
    const g = await graph("component/default/orders");
    expect(g.root).toBe("component:default/orders");
    expect(refs(g)).toEqual(
      [
        "api:default/orders-api",
        "api:default/payments-api",
        "component:default/ghost",
        "component:default/orders",
        "component:default/orders-worker",
        "component:default/payments",
        "component:default/web",
        "group:default/team-a",
        "resource:default/orders-db",
        "system:default/shop",
      ].sort(),
    );
    const orders = g.nodes.find((n) => n.ref === "component:default/orders")!;
    expect(orders).toMatchObject({ kind: "Component", namespace: "default", name: "orders", title: "Orders", type: "service", lifecycle: "production", owner: "group:default/team-a", system: "system:default/shop", exists: true, distance: 0 });
    expect(g.nodes.find((n) => n.ref === "component:default/ghost")).toMatchObject({ kind: "Component", name: "ghost", exists: false, distance: 1, title: null });
    const e = edges(g);
    // payments declares dependencyOf orders: drawn once, as orders dependsOn payments.
    expect(e).toContain("component:default/orders dependsOn component:default/payments");
    const between = (a: string, b: string) => g.edges.filter((x) => (x.source === a && x.target === b) || (x.source === b && x.target === a));
    expect(between("component:default/orders", "component:default/payments").map((x) => `${x.source} ${x.type} ${x.target}`)).toEqual(["component:default/orders dependsOn component:default/payments"]);
    expect(e).toContain("component:default/web dependsOn component:default/orders");
    expect(e).toContain("component:default/orders-worker partOf component:default/orders");
    expect(e).toContain("component:default/orders dependsOn component:default/ghost");
    expect(e).toContain("component:default/orders ownedBy group:default/team-a");
    // Relations between two neighbours are drawn as well (both are returned).
    expect(e).toContain("api:default/orders-api partOf system:default/shop");
    expect(new Set(e).size).toBe(e.length);
    for (const edge of g.edges) {
      expect(g.nodes.some((n) => n.ref === edge.source)).toBe(true);
      expect(g.nodes.some((n) => n.ref === edge.target)).toBe(true);
    }
    expect(g.truncated).toBeNull();
  });

  it("follows only the relation pairs asked for, by either name, in the direction asked", async () => {
    const out = await graph("component/default/orders", "?relation=dependencyOf&direction=outgoing");
    expect(refs(out)).toEqual(["component:default/ghost", "component:default/orders", "component:default/payments", "resource:default/orders-db"]);
    expect(out.edges.every((e) => e.type === "dependsOn")).toBe(true);
    const incoming = await graph("component/default/orders", "?relation=dependsOn&direction=incoming");
    expect(refs(incoming)).toEqual(["component:default/orders", "component:default/web"]);
    expect(edges(incoming)).toEqual(["component:default/web dependsOn component:default/orders"]);
    const apis = await graph("component/default/orders", "?relation=providesApi&relation=consumesApi");
    expect(refs(apis)).toEqual(["api:default/orders-api", "api:default/payments-api", "component:default/orders"]);
  });

  it("keeps only the kinds asked for (and always the root), and walks as deep as asked", async () => {
    const onlyApis = await graph("component/default/orders", "?kind=API");
    expect(refs(onlyApis)).toEqual(["api:default/orders-api", "api:default/payments-api", "component:default/orders"]);
    const deep = await graph("component/default/web", "?depth=2&relation=dependsOn&direction=outgoing");
    expect(deep.nodes.map((n) => [n.ref, n.distance])).toEqual([
      ["component:default/web", 0],
      ["component:default/orders", 1],
      ["component:default/ghost", 2],
      ["component:default/payments", 2],
      ["resource:default/orders-db", 2],
    ]);
    const shallow = await graph("component/default/web", "?depth=1&relation=dependsOn&direction=outgoing");
    expect(refs(shallow)).toEqual(["component:default/orders", "component:default/web"]);
  });

  it("says how many nodes and edges a limit left out", async () => {
    const full = await graph("component/default/orders");
    const cut = await graph("component/default/orders", "?limit=4");
    expect(cut.nodes).toHaveLength(4);
    expect(cut.nodes[0]!.ref).toBe("component:default/orders");
    expect(cut.truncated).toEqual({ omittedNodes: full.nodes.length - 4, omittedEdges: full.edges.length - cut.edges.length, limit: 4 });
    expect(cut.truncated!.omittedEdges).toBeGreaterThan(0);
    const kept = new Set(cut.nodes.map((n) => n.ref));
    expect(cut.edges.every((e) => kept.has(e.source) && kept.has(e.target))).toBe(true);
  });

  it.each([
    ["/component/default/nobody/graph", 404, "entity_not_found"],
    ["/component/default/orders/graph?depth=9", 400, "invalid_query"],
    ["/component/default/orders/graph?relation=likes", 400, "invalid_query"],
    ["/component/default/orders/graph?direction=up", 400, "invalid_query"],
    ["/component/default/orders/graph?colour=red", 400, "invalid_query"],
  ])("GET %s answers %i %s as problem+json", async (path, status, code) => {
    const res = await request(t.app).get(`/api/v1/entities${path}`);
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
  });
});

describe("GET /api/v1/entities/{kind}/{namespace}/{name}/architecture", () => {
  async function architecture(path: string, query = ""): Promise<GraphResponse> {
    const res = await request(t.app).get(`/api/v1/entities/${path}/architecture${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return GraphResponseSchema.parse(res.body);
  }

  it("draws a system's parts, their relations, and what they use outside it as external", async () => {
    const a = await architecture("system/default/shop");
    expect(a.root).toBe("system:default/shop");
    const inside = a.nodes.filter((n) => !n.external).map((n) => [n.ref, n.distance]);
    expect(inside).toEqual([
      ["system:default/shop", 0],
      ["api:default/orders-api", 0],
      ["component:default/orders", 0],
      ["resource:default/orders-db", 0],
      ["component:default/orders-worker", 0],
    ]);
    expect(a.nodes.filter((n) => n.external).map((n) => [n.ref, n.distance, n.exists])).toEqual([
      ["api:default/payments-api", 1, true],
      ["component:default/ghost", 1, false],
      ["component:default/payments", 1, true],
    ]);
    expect(edges(a)).toEqual(
      [
        "api:default/orders-api partOf system:default/shop",
        "component:default/orders consumesApi api:default/payments-api",
        "component:default/orders dependsOn component:default/ghost",
        "component:default/orders dependsOn component:default/payments",
        "component:default/orders dependsOn resource:default/orders-db",
        "component:default/orders partOf system:default/shop",
        "component:default/orders providesApi api:default/orders-api",
        "component:default/orders-worker partOf component:default/orders",
        "resource:default/orders-db partOf system:default/shop",
      ].sort(),
    );
    // Who uses the system from outside (web) and owners are not part of its architecture.
    expect(refs(a)).not.toContain("component:default/web");
    expect(refs(a)).not.toContain("group:default/team-a");
  });

  it("draws a domain's systems with their parts, and counts what a limit left out", async () => {
    const a = await architecture("domain/default/commerce");
    expect(edges(a)).toEqual(expect.arrayContaining(["system:default/shop partOf domain:default/commerce", "system:default/billing partOf domain:default/commerce", "component:default/payments partOf system:default/billing"]));
    // payments is inside the domain now, so orders' dependency on it is internal.
    expect(a.nodes.find((n) => n.ref === "component:default/payments")).toMatchObject({ external: false, distance: 0 });
    expect(a.nodes.filter((n) => n.external).map((n) => n.ref)).toEqual(["component:default/ghost"]);
    const cut = await architecture("domain/default/commerce", "?limit=3");
    expect(cut.nodes.map((n) => n.ref)).toEqual(["domain:default/commerce", "system:default/billing", "system:default/shop"]);
    expect(cut.truncated).toEqual({ omittedNodes: a.nodes.length - 3, omittedEdges: a.edges.length - cut.edges.length, limit: 3 });
    expect(edges(cut)).toEqual(["system:default/billing partOf domain:default/commerce", "system:default/shop partOf domain:default/commerce"]);
  });

  it.each([
    ["component/default/orders", 400, "architecture_kind"],
    ["system/default/nowhere", 404, "entity_not_found"],
  ])("%s answers %i %s", async (path, status, code) => {
    const res = await request(t.app).get(`/api/v1/entities/${path}/architecture`);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    if (code === "architecture_kind") expect(res.body.detail).toMatch(/System and Domain/);
  });
});
