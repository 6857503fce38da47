// The real @backstage/catalog-client against the real app on a real port: every read method, and
// the writes it has that we serve (remove by uid, refresh, validate).
import { once } from "node:events";
import type { AddressInfo, Server } from "node:net";
import { CATALOG_FILTER_EXISTS, CatalogClient, type EntityFilterQuery, type QueryEntitiesInitialRequest } from "@backstage/catalog-client";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
let server: Server;
let baseUrl: string;
let client: CatalogClient;

const group = (name: string, type: string, title: string) => ({
  apiVersion: "backstage.io/v1alpha1",
  kind: "Group",
  metadata: { name, title },
  spec: { type, children: [] },
});

const fixture = [
  component("payments-gateway", { type: "service", lifecycle: "production", providesApis: ["payments-api"] }),
  component("payments-ui", { type: "website", lifecycle: "production" }),
  component("legacy-payments", { type: "service", lifecycle: "deprecated", owner: "group:team-b" }),
  component("search-indexer", { type: "service", lifecycle: "experimental", owner: "group:team-b" }),
  component("design-system", { type: "library", lifecycle: "production" }),
  {
    apiVersion: "backstage.io/v1alpha1",
    kind: "API",
    metadata: { name: "payments-api", title: "Payments API", tags: ["pci"] },
    spec: { type: "openapi", lifecycle: "production", owner: "group:team-a", definition: "openapi: 3.0.0\ninfo: {title: Payments, version: '1'}\npaths: {}" },
  },
  // Different casing of the same values: filters match both, facets keep both as written.
  group("team-a", "Team", "Payments Team"),
  group("team-b", "team", "Search team"),
];
fixture[0]!.metadata = {
  ...fixture[0]!.metadata,
  title: "Payments Gateway",
  tags: ["go", "pci"],
  annotations: { "backstage.io/techdocs-ref": "dir:.", "github.com/project-slug": "acme/payments-gateway" },
};
fixture[1]!.metadata = { ...fixture[1]!.metadata, tags: ["react"] };
fixture[2]!.metadata = { ...fixture[2]!.metadata, tags: ["php"] };
fixture[3]!.metadata = { ...fixture[3]!.metadata, tags: ["go", "java"] };

const ALL = ["design-system", "legacy-payments", "payments-api", "payments-gateway", "payments-ui", "search-indexer", "team-a", "team-b"];
const COMPONENTS = ["design-system", "legacy-payments", "payments-gateway", "payments-ui", "search-indexer"];

type Named = { metadata: { name: string } } | undefined;
const names = (items: Named[]) => items.map((e) => e?.metadata.name);
const byName = { field: "metadata.name", order: "asc" } as const;
type Predicate = NonNullable<QueryEntitiesInitialRequest["query"]>;
type Descriptor = Parameters<CatalogClient["validateEntity"]>[0];

beforeAll(async () => {
  t = await startTestApp();
  const res = await request(t.app).post("/api/v1/ingest?source=backstage-fixture").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send(fixture);
  expect(res.status).toBe(200);
  expect(res.body.diff.created).toHaveLength(fixture.length);
  server = t.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/catalog`;
  client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => baseUrl } });
});
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

describe("getEntities", () => {
  it("returns the whole catalog without paging", async () => {
    const { items } = await client.getEntities({ order: byName });
    expect(names(items)).toEqual(ALL);
    const gateway = items.find((e) => e.metadata.name === "payments-gateway")!;
    expect(gateway).toMatchObject({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { namespace: "default", title: "Payments Gateway", tags: ["go", "pci"], annotations: { "backstage.io/techdocs-ref": "dir:." } },
      spec: { type: "service", lifecycle: "production", owner: "group:team-a" },
    });
    expect(gateway.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each<[string, EntityFilterQuery, string[]]>([
    ["one filter set", { kind: "component", "spec.type": "service" }, ["legacy-payments", "payments-gateway", "search-indexer"]],
    ["OR'ed filter sets", [{ kind: "api" }, { kind: "group", "spec.type": "team" }], ["payments-api", "team-a", "team-b"]],
    ["same key OR'ed", { "spec.lifecycle": ["deprecated", "experimental"] }, ["legacy-payments", "search-indexer"]],
    ["case-insensitive keys and values", { KIND: "COMPONENT", "Spec.Lifecycle": "Production" }, ["design-system", "payments-gateway", "payments-ui"]],
    ["an annotation exists", { "metadata.annotations.backstage.io/techdocs-ref": CATALOG_FILTER_EXISTS }, ["payments-gateway"]],
    ["an annotation's value", { "metadata.annotations.github.com/project-slug": "acme/payments-gateway" }, ["payments-gateway"]],
    ["a tag as a key", { "metadata.tags.go": CATALOG_FILTER_EXISTS }, ["payments-gateway", "search-indexer"]],
    ["a tag as a key = true", { "metadata.tags.java": "true" }, ["search-indexer"]],
    ["a relation", { "relations.ownedBy": "group:default/team-b" }, ["legacy-payments", "search-indexer"]],
    ["the inverse of a relation", { "relations.ownerOf": "component:default/legacy-payments" }, ["team-b"]],
    ["an inverse relation exists", { "relations.apiProvidedBy": CATALOG_FILTER_EXISTS }, ["payments-api"]],
    ["nothing", { kind: "system" }, []],
  ])("filters: %s", async (_what, filter, expected) => {
    const { items } = await client.getEntities({ filter, order: byName });
    expect(names(items)).toEqual(expected);
  });

  it("filters by uid, which the catalog assigns", async () => {
    const uid = (await client.getEntityByRef("component:default/payments-ui"))!.metadata.uid!;
    expect(names((await client.getEntities({ filter: { "metadata.uid": uid } })).items)).toEqual(["payments-ui"]);
    expect(names((await client.queryEntities({ query: { "metadata.uid": uid.toUpperCase() } })).items)).toEqual(["payments-ui"]);
  });

  it("keeps only the asked fields, dotted annotation names included", async () => {
    const { items } = await client.getEntities({
      filter: { kind: "component", "metadata.name": "payments-gateway" },
      fields: ["kind", "metadata.name", "metadata.annotations.backstage.io/techdocs-ref"],
    });
    expect(items).toEqual([{ kind: "Component", metadata: { name: "payments-gateway", annotations: { "backstage.io/techdocs-ref": "dir:." } } }]);
  });

  it("orders by several fields, entities lacking a field last", async () => {
    const { items } = await client.getEntities({
      order: [
        { field: "kind", order: "asc" },
        { field: "metadata.name", order: "desc" },
      ],
    });
    expect(names(items)).toEqual(["payments-api", "search-indexer", "payments-ui", "payments-gateway", "legacy-payments", "design-system", "team-b", "team-a"]);
    const byTitle = await client.getEntities({ filter: { kind: "component" }, order: { field: "metadata.title", order: "desc" } });
    expect(names(byTitle.items)[0]).toBe("payments-gateway");
  });

  it("pages with limit and offset, and on through the link header's after cursor", async () => {
    const page = await client.getEntities({ order: byName, limit: 2, offset: 1 });
    expect(names(page.items)).toEqual(["legacy-payments", "payments-api"]);

    const seen: string[] = [];
    let path: string | undefined = "/entities?limit=3&order=asc:metadata.name";
    let after: string | undefined;
    while (path) {
      const res: Response = await fetch(`${baseUrl}${path}`);
      const link = res.headers.get("link");
      const body = (await res.json()) as Named[];
      // The client itself pages with the cursor the link carries.
      if (after) expect(names((await client.getEntities({ order: byName, limit: 3, after })).items)).toEqual(names(body));
      seen.push(...(names(body) as string[]));
      const match = link ? /^<(\/entities\?[^>]+)>; rel="next"$/.exec(link) : null;
      path = match?.[1];
      after = path ? (new URLSearchParams(path.split("?")[1]).get("after") ?? undefined) : undefined;
    }
    expect(seen).toEqual(ALL);
  });
});

describe("getEntitiesByRefs", () => {
  it("answers in the order asked, with undefined for unknown and unparsable refs", async () => {
    const refs = ["component:default/payments-ui", "api:payments-api", "component:default/nope", "::bad", "Group:default/Team-A", "payments-ui"];
    const { items } = await client.getEntitiesByRefs({ entityRefs: refs, fields: ["kind", "metadata.name"] });
    expect(items).toEqual([
      { kind: "Component", metadata: { name: "payments-ui" } },
      { kind: "API", metadata: { name: "payments-api" } },
      undefined,
      undefined,
      { kind: "Group", metadata: { name: "team-a" } },
      undefined,
    ]);
  });

  it("leaves out what the filter or the predicate excludes", async () => {
    const entityRefs = ["component:default/payments-gateway", "api:default/payments-api", "group:default/team-b"];
    expect(names((await client.getEntitiesByRefs({ entityRefs, filter: { kind: ["api", "group"] } })).items)).toEqual([undefined, "payments-api", "team-b"]);
    expect(names((await client.getEntitiesByRefs({ entityRefs, query: { "metadata.tags": { $contains: "pci" } } })).items)).toEqual([
      "payments-gateway",
      "payments-api",
      undefined,
    ]);
  });
});

describe("queryEntities", () => {
  it("filters, orders, counts and pages with cursors both ways", async () => {
    const first = await client.queryEntities({ filter: { kind: "component" }, orderFields: { field: "metadata.name", order: "desc" }, limit: 2 });
    expect(names(first.items)).toEqual(["search-indexer", "payments-ui"]);
    expect(first.totalItems).toBe(5);
    expect(first.pageInfo.prevCursor).toBeUndefined();

    const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor!, limit: 2 });
    expect(names(second.items)).toEqual(["payments-gateway", "legacy-payments"]);
    expect(second.totalItems).toBe(5);
    const back = await client.queryEntities({ cursor: second.pageInfo.prevCursor! });
    expect(names(back.items)).toEqual(names(first.items));

    const last = await client.queryEntities({ cursor: second.pageInfo.nextCursor! });
    expect(names(last.items)).toEqual(["design-system"]);
    expect(last.pageInfo.nextCursor).toBeUndefined();
  });

  it("streams through every cursor to the end", async () => {
    const seen: string[] = [];
    let response = await client.queryEntities({ orderFields: byName, limit: 3, fields: ["metadata.name"] });
    seen.push(...(names(response.items) as string[]));
    while (response.pageInfo.nextCursor) {
      response = await client.queryEntities({ cursor: response.pageInfo.nextCursor, fields: ["metadata.name"] });
      expect(response.items.length).toBeLessThanOrEqual(3);
      seen.push(...(names(response.items) as string[]));
    }
    expect(seen).toEqual(ALL);
    expect(response.items).toEqual([{ metadata: { name: "team-a" } }, { metadata: { name: "team-b" } }]);
  });

  it("filters by a case-insensitive substring of the given fields", async () => {
    const res = await client.queryEntities({ fullTextFilter: { term: "PAYMENTS-", fields: ["metadata.name"] }, orderFields: byName });
    expect(names(res.items)).toEqual(["payments-api", "payments-gateway", "payments-ui"]);
    expect(res.totalItems).toBe(3);
    const titles = await client.queryEntities({ filter: { kind: "group" }, fullTextFilter: { term: "team", fields: ["metadata.title"] } });
    expect(names(titles.items).sort()).toEqual(["team-a", "team-b"]);
    // Without fields Backstage searches the order field.
    const onOrderField = await client.queryEntities({ fullTextFilter: { term: "ui" }, orderFields: byName });
    expect(names(onOrderField.items)).toEqual(["payments-ui"]);
  });

  it("skips the total when asked", async () => {
    const res = await client.queryEntities({ filter: { kind: "group" }, totalItems: "exclude" });
    expect(res.items).toHaveLength(2);
    expect(res.totalItems).toBe(0);
    // And the other way round: a limit of 0 only counts.
    const counted = await client.queryEntities({ filter: { kind: "component" }, limit: 0 });
    expect(counted).toEqual({ items: [], totalItems: 5, pageInfo: {} });
  });

  it("takes predicate queries, and pages them through POSTed cursors", async () => {
    const query: Predicate = {
      $all: [
        { kind: "component" },
        { "spec.lifecycle": { $in: ["production", "experimental"] } },
        { $not: { "metadata.tags": { $contains: "react" } } },
      ],
    };
    const first = await client.queryEntities({ query, orderFields: byName, limit: 2 });
    expect(names(first.items)).toEqual(["design-system", "payments-gateway"]);
    expect(first.totalItems).toBe(3);
    expect(JSON.parse(atob(first.pageInfo.nextCursor!))).toHaveProperty("spec.query");
    const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor! });
    expect(names(second.items)).toEqual(["search-indexer"]);
    expect(second.pageInfo.nextCursor).toBeUndefined();
  });

  it.each<[string, Predicate, string[]]>([
    ["$hasPrefix", { "metadata.name": { $hasPrefix: "Payments-" } }, ["payments-api", "payments-gateway", "payments-ui"]],
    ["$exists", { kind: "component", "metadata.tags": { $exists: false } }, ["design-system"]],
    ["$any", { $any: [{ kind: "api" }, { "spec.type": "TEAM" }] }, ["payments-api", "team-a", "team-b"]],
    ["$in on a relation", { "relations.ownedBy": { $in: ["group:default/team-b"] } }, ["legacy-payments", "search-indexer"]],
    ["$hasPrefix on an inverse relation", { "relations.ownerOf": { $hasPrefix: "api:" } }, ["team-a"]],
    ["an empty $any", { $any: [] }, []],
  ])("predicate %s", async (_what, query, expected) => {
    expect(names((await client.queryEntities({ query, orderFields: byName })).items)).toEqual(expected);
  });
});

describe("streamEntities", () => {
  it("yields pages until the last cursor", async () => {
    const pages: string[][] = [];
    for await (const page of client.streamEntities({ pageSize: 3, orderFields: byName })) pages.push(names(page) as string[]);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(ALL);
  });

  it("streams a filtered selection and a predicate one", async () => {
    const filtered: string[] = [];
    for await (const page of client.streamEntities({ pageSize: 2, filter: { kind: "component" } })) filtered.push(...(names(page) as string[]));
    expect(filtered.sort()).toEqual(COMPONENTS);
    const predicated: string[] = [];
    for await (const page of client.streamEntities({ pageSize: 1, query: { kind: "group" } })) predicated.push(...(names(page) as string[]));
    expect(predicated.sort()).toEqual(["team-a", "team-b"]);
  });
});

describe("single entities", () => {
  it("gets an entity by ref, and undefined for an unknown one", async () => {
    const entity = await client.getEntityByRef("component:payments-gateway");
    expect(entity).toMatchObject({ kind: "Component", metadata: { name: "payments-gateway", namespace: "default" } });
    expect(await client.getEntityByRef({ kind: "Group", namespace: "default", name: "TEAM-A" })).toMatchObject({ metadata: { name: "team-a" } });
    expect(await client.getEntityByRef("component:default/nope")).toBeUndefined();
  });

  it("gives an entity's ancestry: the entity alone, as there are no locations", async () => {
    const ancestry = await client.getEntityAncestors({ entityRef: "api:default/payments-api" });
    expect(ancestry.rootEntityRef).toBe("api:default/payments-api");
    expect(ancestry.items).toHaveLength(1);
    expect(ancestry.items[0]).toMatchObject({ entity: { kind: "API", metadata: { name: "payments-api" } }, parentEntityRefs: [] });
    await expect(client.getEntityAncestors({ entityRef: "api:default/nope" })).rejects.toMatchObject({ name: "ResponseError", statusCode: 404 });
  });

  it("refreshes a known entity and refuses an unknown one", async () => {
    await expect(client.refreshEntity("component:default/payments-gateway")).resolves.toBeUndefined();
    await expect(client.refreshEntity("component:default/nope")).rejects.toMatchObject({ statusCode: 404, body: { error: { name: "NotFoundError" } } });
  });

  it("validates an entity with the API's own rules, reporting the first problem", async () => {
    expect(await client.validateEntity(component("fine") as Descriptor, "url:https://example.com/catalog-info.yaml")).toEqual({ valid: true });
    const result = await client.validateEntity(
      { apiVersion: "backstage.io/v1alpha1", kind: "Component", metadata: { name: "Not a valid name!" }, spec: { lifecycle: "production", owner: "team-a" } },
      "url:https://example.com/catalog-info.yaml",
    );
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ name: "InputError" });
    expect(result.errors[0]!.message).toMatch(/metadata\.name/);
  });
});

describe("getEntityFacets", () => {
  it("counts values in their original casing, sorted by value, arrays per element", async () => {
    const { facets } = await client.getEntityFacets({ facets: ["kind", "spec.type", "metadata.tags", "relations.ownedBy"] });
    expect(facets.kind).toEqual([
      { value: "API", count: 1 },
      { value: "Component", count: 5 },
      { value: "Group", count: 2 },
    ]);
    expect(facets["spec.type"]).toEqual([
      { value: "Team", count: 1 },
      { value: "library", count: 1 },
      { value: "openapi", count: 1 },
      { value: "service", count: 3 },
      { value: "team", count: 1 },
      { value: "website", count: 1 },
    ]);
    expect(facets["metadata.tags"]).toEqual([
      { value: "go", count: 2 },
      { value: "java", count: 1 },
      { value: "pci", count: 2 },
      { value: "php", count: 1 },
      { value: "react", count: 1 },
    ]);
    expect(facets["relations.ownedBy"]).toEqual([
      { value: "group:default/team-a", count: 4 },
      { value: "group:default/team-b", count: 2 },
    ]);
  });

  it("counts relations other entities declare towards the entity", async () => {
    const { facets } = await client.getEntityFacets({ facets: ["relations.ownerOf", "relations.apiProvidedBy"], filter: { "metadata.name": "team-b" } });
    expect(facets).toEqual({
      "relations.ownerOf": [
        { value: "component:default/legacy-payments", count: 1 },
        { value: "component:default/search-indexer", count: 1 },
      ],
      "relations.apiProvidedBy": [],
    });
  });

  it("counts under a filter and under a predicate", async () => {
    const filtered = await client.getEntityFacets({ facets: ["spec.lifecycle"], filter: { kind: "component" } });
    expect(filtered.facets["spec.lifecycle"]).toEqual([
      { value: "deprecated", count: 1 },
      { value: "experimental", count: 1 },
      { value: "production", count: 3 },
    ]);
    const predicated = await client.getEntityFacets({ facets: ["metadata.title", "spec.type"], query: { kind: "group" } });
    expect(predicated.facets).toEqual({
      "metadata.title": [
        { value: "Payments Team", count: 1 },
        { value: "Search team", count: 1 },
      ],
      "spec.type": [
        { value: "Team", count: 1 },
        { value: "team", count: 1 },
      ],
    });
  });
});

describe("locations", () => {
  it("lists none: nothing is registered through the API yet", async () => {
    expect(await client.getLocations()).toEqual({ items: [] });
  });
});

describe("removeEntityByUid", () => {
  it("deletes with the admin token, recording the deletion in the entity's history", async () => {
    const created = await request(t.app).post("/api/v1/entities").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send(component("short-lived"));
    expect(created.status).toBe(201);
    const uid = created.body.metadata.uid as string;

    await expect(client.removeEntityByUid(uid)).rejects.toMatchObject({ statusCode: 401, body: { error: { name: "AuthenticationError" } } });
    await expect(client.removeEntityByUid(uid, { token: "not-the-token" })).rejects.toMatchObject({ statusCode: 401 });
    expect(await client.getEntityByRef("component:default/short-lived")).toBeDefined();

    await client.removeEntityByUid(uid, { token: ADMIN_TOKEN });
    expect(await client.getEntityByRef("component:default/short-lived")).toBeUndefined();
    const history = await request(t.app).get("/api/v1/entities/component/default/short-lived/history");
    expect(history.body.items.map((v: { operation: string }) => v.operation)).toEqual(["deleted", "created"]);
    // Deleting what is not there succeeds, as in Backstage.
    await expect(client.removeEntityByUid(uid, { token: ADMIN_TOKEN })).resolves.toBeUndefined();
  });
});
