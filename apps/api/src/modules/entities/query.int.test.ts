import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;

const fixture = [
  component("payments-gateway", { type: "service", lifecycle: "production" }),
  component("payments-ui", { type: "website", lifecycle: "production" }),
  component("legacy-payments", { type: "service", lifecycle: "deprecated" }),
  component("search-indexer", { type: "service", lifecycle: "experimental" }),
  component("design-system", { type: "library", lifecycle: "production" }),
  component("ledger", { type: "service", lifecycle: "production" }),
];
fixture[0]!.metadata = { ...fixture[0]!.metadata, title: "Payments Gateway", tags: ["go", "pci"], labels: { tier: "one" } };
fixture[2]!.metadata = { ...fixture[2]!.metadata, description: "Old gateway for card payments", tags: ["php"] };
fixture[3]!.metadata = { ...fixture[3]!.metadata, annotations: { "backstage.io/techdocs-ref": "dir:." }, tags: ["go"] };
fixture[5]!.metadata = { ...fixture[5]!.metadata, namespace: "finance" };

beforeAll(async () => {
  t = await startTestApp();
  const res = await request(t.app).post("/api/v1/ingest?source=query-fixture").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send(fixture);
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

const names = (res: request.Response) => res.body.items.map((e: { metadata: { name: string } }) => e.metadata.name);
const list = (query: Record<string, string | string[]>) => request(t.app).get("/api/v1/entities").query(query);

describe("GET /api/v1/entities filters", () => {
  it.each([
    [{ lifecycle: "production" }, ["design-system", "ledger", "payments-gateway", "payments-ui"]],
    [{ lifecycle: "PRODUCTION", type: "service" }, ["ledger", "payments-gateway"]],
    [{ type: ["website", "library"] }, ["design-system", "payments-ui"]],
    [{ tag: "go" }, ["payments-gateway", "search-indexer"]],
    [{ label: "tier=one" }, ["payments-gateway"]],
    [{ annotation: "backstage.io/techdocs-ref=dir:." }, ["search-indexer"]],
    [{ namespace: "finance" }, ["ledger"]],
    [{ filter: "spec.lifecycle=deprecated" }, ["legacy-payments"]],
    [{ kind: "api" }, []],
  ])("%j", async (query, expected) => {
    const res = await list({ ...query, sort: "name" });
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(expected);
    expect(res.body.totalItems).toBe(expected.length);
  });

  it("finds by words and prefixes, best match first", async () => {
    const res = await list({ q: "payments gate" });
    expect(names(res)[0]).toBe("payments-gateway");
    expect(names(res)).toContain("legacy-payments"); // "gateway" in its description
    expect(names(res)).not.toContain("payments-ui");
    expect(names(await list({ q: "indexe" }))).toEqual(["search-indexer"]);
    expect(names(await list({ q: "ledger" }))[0]).toBe("ledger");
    expect(names(await list({ q: "zzz-nothing" }))).toEqual([]);
  });

  it("sorts both ways and pages with a cursor without gaps or repeats", async () => {
    const all = names(await list({ sort: "-name", limit: "100" }));
    expect(all).toEqual([...all].sort().reverse());
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await list({ sort: "-name", limit: "2", ...(cursor ? { cursor } : {}) });
      seen.push(...names(res));
      cursor = res.body.pageInfo.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("pages a ranked search too", async () => {
    const all = names(await list({ q: "payments", limit: "100" }));
    const first = await list({ q: "payments", limit: "2" });
    const second = await list({ q: "payments", limit: "2", cursor: first.body.pageInfo.nextCursor });
    expect([...names(first), ...names(second)]).toEqual(all.slice(0, 4));
  });

  it("projects fields and can skip the total", async () => {
    const res = await list({ type: "library", fields: "metadata.name,spec.type", count: "false" });
    expect(res.body.items).toEqual([{ metadata: { name: "design-system" }, spec: { type: "library" } }]);
    expect(res.body.totalItems).toBeUndefined();
  });

  it.each([
    [{ colour: "red" }, "(root)"],
    [{ sort: "size" }, "sort"],
    [{ label: "no-equals-sign" }, "label[0]"],
    [{ relation: "dependsOn" }, "relation[0]"],
    [{ owner: "group:" }, "owner"],
  ])("rejects %j naming %s", async (query, path) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe(path);
  });
});

describe("GET /api/v1/entity-facets", () => {
  it("counts values under the same filters", async () => {
    const res = await request(t.app).get("/api/v1/entity-facets").query({ facet: ["spec.type", "spec.lifecycle"], lifecycle: ["production", "deprecated"] });
    expect(res.status).toBe(200);
    expect(res.body.facets["spec.type"]).toEqual([
      { value: "service", count: 3 },
      { value: "library", count: 1 },
      { value: "website", count: 1 },
    ]);
    expect(res.body.facets["spec.lifecycle"]).toEqual([
      { value: "production", count: 4 },
      { value: "deprecated", count: 1 },
    ]);
  });

  it("under a text search, counts exactly what the search lists, for column and index facets alike", async () => {
    const facetKeys = ["kind", "spec.type", "spec.lifecycle", "metadata.namespace", "metadata.tags", "relations.ownedby"];
    const res = await request(t.app).get("/api/v1/entity-facets").query({ q: "payments", facet: facetKeys, lifecycle: ["production", "deprecated"] });
    expect(res.status).toBe(200);
    const listed = await list({ q: "payments", lifecycle: ["production", "deprecated"], limit: "500" });
    expect(names(listed).sort()).toEqual(["legacy-payments", "payments-gateway", "payments-ui"]);
    expect(res.body.facets["spec.type"]).toEqual([
      { value: "service", count: 2 },
      { value: "website", count: 1 },
    ]);
    expect(res.body.facets["spec.lifecycle"]).toEqual([
      { value: "production", count: 2 },
      { value: "deprecated", count: 1 },
    ]);
    expect(res.body.facets["metadata.tags"]).toEqual([
      { value: "go", count: 1 },
      { value: "pci", count: 1 },
      { value: "php", count: 1 },
    ]);
    expect(res.body.facets.kind).toEqual([{ value: "component", count: 3 }]);
    expect(res.body.facets["metadata.namespace"]).toEqual([{ value: "default", count: 3 }]);
    // Every facet key answers, even one no listed entity has a value for.
    expect(Object.keys(res.body.facets).sort()).toEqual([...facetKeys].sort());
  });

  it("reflects a write at once, though results are remembered between writes", async () => {
    const facets = () => request(t.app).get("/api/v1/entity-facets").query({ facet: "spec.type" });
    const search = () => request(t.app).get("/api/v1/entities").query({ q: "zebra" });
    const before = (await facets()).body.facets["spec.type"];
    expect((await search()).body.totalItems).toBe(0);
    const res = await request(t.app).post("/api/v1/entities").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send(component("zebra-service", { type: "zebra" }));
    expect(res.status).toBe(201);
    expect((await facets()).body.facets["spec.type"]).toEqual([...before, { value: "zebra", count: 1 }]);
    expect((await search()).body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(["zebra-service"]);
  });

  it("requires a facet", async () => {
    const res = await request(t.app).get("/api/v1/entity-facets");
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("facet");
  });
});
