// Relation filters and facets see what the served entities show: the relations an entity declares,
// and the inverse of those other entities declare towards it.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, useTestApp } from "../../test-support.ts";

const t = useTestApp();

// team-a lists bob and carol as members; alice and carol say they are members of team-a.
// orders depends on a resource that is not in the catalog; loop depends on itself.
const yaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [], members: [bob, carol] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-b }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: carol }
spec: { memberOf: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orders }
spec:
  type: service
  lifecycle: production
  owner: team-a
  providesApis: [orders-api]
  dependsOn: [resource:orders-db]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: billing }
spec:
  type: service
  lifecycle: production
  owner: team-b
  consumesApis: [orders-api]
  dependsOn: [component:orders]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: loop }
spec: { type: library, lifecycle: experimental, owner: team-b, dependsOn: [component:loop] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: orders-api }
spec: { type: openapi, lifecycle: production, owner: team-a, definition: "openapi: 3.0.0" }
`;

type Named = { metadata: { name: string } };
const names = (items: Named[]) => items.map((e) => e.metadata.name).sort();

/** Names of the entities /api/v1/entities returns for these query parameters. */
async function v1(query: Record<string, string | string[]>): Promise<string[]> {
  const res = await request(t.app).get("/api/v1/entities").query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return names(res.body.items);
}

/** Names of the entities the Backstage list endpoint returns for a raw query string. */
async function backstage(query: string): Promise<string[]> {
  const res = await request(t.app).get(`/api/catalog/entities?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return names(res.body);
}

async function byQuery(query: unknown): Promise<string[]> {
  const res = await request(t.app).post("/api/catalog/entities/by-query").send({ query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return names(res.body.items);
}

beforeAll(async () => {
  const res = await request(t.app)
    .post("/api/v1/ingest?source=relation-filters")
    .set("Authorization", `Bearer ${ADMIN_TOKEN}`)
    .set("Content-Type", "application/yaml")
    .send(yaml);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});

describe("GET /api/v1/entities?relation=", () => {
  it.each<[string, string[]]>([
    ["ownerOf:component:default/orders", ["team-a"]],
    ["ownerOf:api:default/orders-api", ["team-a"]],
    ["ownerOf:component:default/billing", ["team-b"]],
    // Only the user declares memberOf.
    ["hasMember:user:default/alice", ["team-a"]],
    // Only the group declares members.
    ["hasMember:user:default/bob", ["team-a"]],
    // Both sides declare it.
    ["hasMember:user:default/carol", ["team-a"]],
    ["memberOf:group:default/team-a", ["alice", "bob", "carol"]],
    ["apiProvidedBy:component:default/orders", ["orders-api"]],
    ["apiConsumedBy:component:default/billing", ["orders-api"]],
    ["dependencyOf:component:default/billing", ["orders"]],
    ["dependsOn:component:default/orders", ["billing"]],
    ["HASMEMBER:User:Default/Alice", ["team-a"]],
    // The declared side still answers alone.
    ["ownedBy:group:default/team-a", ["orders", "orders-api"]],
    ["providesApi:api:default/orders-api", ["orders"]],
  ])("relation=%s finds %j", async (relation, expected) => {
    expect(await v1({ relation })).toEqual(expected);
  });

  it("gives a relation to a missing entity no inverse", async () => {
    expect(await v1({ relation: "dependencyOf:component:default/orders" })).toEqual([]);
    expect(await v1({ relation: "ownerOf:component:default/nope" })).toEqual([]);
  });

  it("gives a relation to itself no inverse, as the served entity shows none", async () => {
    const served = await request(t.app).get("/api/v1/entities/component/default/loop");
    expect(served.body.relations).toEqual([
      { type: "dependsOn", targetRef: "component:default/loop" },
      { type: "ownedBy", targetRef: "group:default/team-b" },
    ]);
    expect(await v1({ relation: "dependsOn:component:default/loop" })).toEqual(["loop"]);
    expect(await v1({ relation: "dependencyOf:component:default/loop" })).toEqual([]);
  });

  it("combines an inverse relation with the other filters", async () => {
    expect(await v1({ relation: "hasMember:user:default/alice", kind: "user" })).toEqual([]);
    expect(await v1({ relation: ["hasMember:user:default/alice", "ownerOf:component:default/orders"], kind: "group" })).toEqual(["team-a"]);
    expect(await v1({ relation: ["hasMember:user:default/alice", "ownerOf:component:default/billing"] })).toEqual([]);
    expect(await v1({ filter: "relations.ownerOf=component:default/billing" })).toEqual(["team-b"]);
  });
});

describe("GET /api/catalog/entities?filter=relations.", () => {
  it.each<[string, string[]]>([
    ["filter=relations.ownerOf=component:default/orders", ["team-a"]],
    ["filter=relations.ownerOf=Component:Default/Orders", ["team-a"]],
    ["filter=relations.ownerOf=component:default/orders,relations.ownerOf=component:default/billing", ["team-a", "team-b"]],
    ["filter=relations.ownerOf=component:default/orders,relations.hasMember=user:default/alice", ["team-a"]],
    ["filter=relations.ownerOf=component:default/billing,relations.hasMember=user:default/alice", []],
    ["filter=relations.ownerOf=component:default/orders&filter=relations.ownerOf=component:default/billing", ["team-a", "team-b"]],
    ["filter=relations.hasMember=user:default/alice", ["team-a"]],
    ["filter=relations.apiProvidedBy=component:default/orders", ["orders-api"]],
    // Existence: only the inverse side has these.
    ["filter=relations.ownerOf", ["team-a", "team-b"]],
    ["filter=relations.hasMember", ["team-a"]],
    ["filter=relations.apiConsumedBy", ["orders-api"]],
    ["filter=relations.memberOf", ["alice", "bob", "carol"]],
    ["filter=relations.dependencyOf", ["orders"]],
  ])("%s", async (query, expected) => {
    expect(await backstage(query)).toEqual(expected);
  });

  it.each<[string, unknown, string[]]>([
    ["$in", { "relations.ownerOf": { $in: ["component:default/orders", "component:default/billing"] } }, ["team-a", "team-b"]],
    ["$hasPrefix", { "relations.ownerOf": { $hasPrefix: "api:" } }, ["team-a"]],
    ["$exists false", { kind: "group", "relations.hasMember": { $exists: false } }, ["team-b"]],
    ["$not", { kind: "user", $not: { "relations.memberOf": "group:default/team-a" } }, []],
    ["$not on an inverse-only relation", { kind: "group", $not: { "relations.hasMember": "user:default/bob" } }, ["team-b"]],
    ["$any", { $any: [{ "relations.hasMember": "user:default/alice" }, { "relations.apiProvidedBy": "component:default/orders" }] }, ["orders-api", "team-a"]],
  ])("by-query predicate %s", async (_what, query, expected) => {
    expect(await byQuery(query)).toEqual(expected);
  });
});

describe("GET /api/v1/entity-facets on relations", () => {
  it("counts the inverse side, each entity once per value", async () => {
    const res = await request(t.app)
      .get("/api/v1/entity-facets")
      .query({ facet: ["relations.ownerof", "relations.hasmember", "relations.memberof", "relations.dependencyof", "relations.ownedby"] });
    expect(res.status).toBe(200);
    expect(res.body.facets).toEqual({
      "relations.ownerof": [
        { value: "api:default/orders-api", count: 1 },
        { value: "component:default/billing", count: 1 },
        { value: "component:default/loop", count: 1 },
        { value: "component:default/orders", count: 1 },
      ],
      "relations.hasmember": [
        { value: "user:default/alice", count: 1 },
        { value: "user:default/bob", count: 1 },
        { value: "user:default/carol", count: 1 },
      ],
      "relations.memberof": [{ value: "group:default/team-a", count: 3 }],
      // Nothing is dependencyOf orders (its dependency is missing), and loop is not its own.
      "relations.dependencyof": [{ value: "component:default/billing", count: 1 }],
      "relations.ownedby": [
        { value: "group:default/team-a", count: 2 },
        { value: "group:default/team-b", count: 2 },
      ],
    });
  });

  it("counts under the filters", async () => {
    const res = await request(t.app).get("/api/v1/entity-facets").query({ facet: "relations.ownerof", relation: "hasMember:user:default/bob" });
    expect(res.status).toBe(200);
    expect(res.body.facets["relations.ownerof"]).toEqual([
      { value: "api:default/orders-api", count: 1 },
      { value: "component:default/orders", count: 1 },
    ]);
  });
});

describe("GET /api/catalog/entity-facets on relations", () => {
  it("counts the inverse side in the served casing of the keys", async () => {
    const res = await request(t.app).get("/api/catalog/entity-facets?facet=relations.ownerOf&facet=relations.memberOf&facet=relations.apiProvidedBy");
    expect(res.status).toBe(200);
    expect(res.body.facets).toEqual({
      "relations.ownerOf": [
        { value: "api:default/orders-api", count: 1 },
        { value: "component:default/billing", count: 1 },
        { value: "component:default/loop", count: 1 },
        { value: "component:default/orders", count: 1 },
      ],
      "relations.memberOf": [{ value: "group:default/team-a", count: 3 }],
      "relations.apiProvidedBy": [{ value: "component:default/orders", count: 1 }],
    });
  });

  it("counts under a filter", async () => {
    const res = await request(t.app).get("/api/catalog/entity-facets?facet=relations.hasMember&filter=metadata.name=team-a");
    expect(res.status).toBe(200);
    expect(res.body.facets["relations.hasMember"]).toEqual([
      { value: "user:default/alice", count: 1 },
      { value: "user:default/bob", count: 1 },
      { value: "user:default/carol", count: 1 },
    ]);
  });
});
