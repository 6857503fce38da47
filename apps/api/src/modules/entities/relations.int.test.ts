import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

const yaml = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
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
kind: API
metadata: { name: orders-api }
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ./openapi.yaml
`;

const get = async (path: string) => (await request(t.app).get(`/api/v1/entities/${path}`)).body;

beforeAll(async () => {
  t = await startTestApp();
  const res = await request(t.app).post("/api/v1/ingest?source=rel").set(auth).set("Content-Type", "application/yaml").send(yaml);
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe("relations", () => {
  it("serves what an entity declares, and flags a relation to a missing entity", async () => {
    const orders = await get("component/default/orders");
    expect(orders.relations).toEqual([
      { type: "dependsOn", targetRef: "resource:default/orders-db" },
      { type: "ownedBy", targetRef: "group:default/team-a" },
      { type: "providesApi", targetRef: "api:default/orders-api" },
    ]);
    expect(orders.status.items).toEqual([
      expect.objectContaining({ level: "warning", message: expect.stringContaining("resource:default/orders-db") }),
    ]);
  });

  it("serves the inverse on the other side", async () => {
    const team = await get("group/default/team-a");
    expect(team.relations).toEqual([
      { type: "hasMember", targetRef: "user:default/alice" },
      { type: "ownerOf", targetRef: "api:default/orders-api" },
      { type: "ownerOf", targetRef: "component:default/orders" },
    ]);
    expect(team.status).toBeUndefined();
    expect((await get("api/default/orders-api")).relations).toEqual([
      { type: "apiProvidedBy", targetRef: "component:default/orders" },
      { type: "ownedBy", targetRef: "group:default/team-a" },
    ]);
  });

  it("lists relations with the related entities' kind and title in one call, and finds entities by uid", async () => {
    const res = await request(t.app).get("/api/v1/entities/group/default/team-a/relations");
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({
      type: "hasMember",
      targetRef: "user:default/alice",
      target: { kind: "User", namespace: "default", name: "alice", title: null },
    });
    const orders = await get("component/default/orders");
    const dangling = (await request(t.app).get("/api/v1/entities/component/default/orders/relations")).body.items;
    expect(dangling).toContainEqual({ type: "dependsOn", targetRef: "resource:default/orders-db", target: null });

    const byUid = await request(t.app).get(`/api/v1/entities/by-uid/${orders.metadata.uid}`);
    expect(byUid.status).toBe(200);
    expect(byUid.body.metadata.name).toBe("orders");
    expect((await request(t.app).get("/api/v1/entities/by-uid/00000000-0000-0000-0000-000000000000")).status).toBe(404);
    expect((await request(t.app).get("/api/v1/entities/by-uid/not-a-uuid")).status).toBe(404);
  });

  it("keeps a placeholder unresolved, with a warning that says so", async () => {
    const api = await get("api/default/orders-api");
    expect(api.spec.definition).toEqual({ $text: "./openapi.yaml" });
    expect(api.status.items[0].message).toMatch(/spec\.definition.*\$text.*openapi\.yaml/);
  });

  it("stops flagging a dangling relation once its target exists, and forgets relations of a deleted entity", async () => {
    const db = `apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: { name: orders-db }\nspec: { type: database, owner: team-a }\n`;
    expect((await request(t.app).post("/api/v1/ingest?source=db").set(auth).set("Content-Type", "application/yaml").send(db)).status).toBe(200);
    const orders = await get("component/default/orders");
    expect(orders.status).toBeUndefined();
    expect((await get("resource/default/orders-db")).relations).toContainEqual({ type: "dependencyOf", targetRef: "component:default/orders" });

    const del = await request(t.app).delete("/api/v1/entities/component/default/orders").set(auth).set("If-Match", `"${orders.metadata.etag}"`);
    expect(del.status).toBe(204);
    const team = await get("group/default/team-a");
    expect(team.relations).not.toContainEqual({ type: "ownerOf", targetRef: "component:default/orders" });
    expect((await get("resource/default/orders-db")).relations).toEqual([{ type: "ownedBy", targetRef: "group:default/team-a" }]);
  });

  it("filters by owner and by relation through the same index", async () => {
    const owned = await request(t.app).get("/api/v1/entities").query({ owner: "team-a", sort: "name" });
    expect(owned.body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(["orders-api", "orders-db"]);
    const members = await request(t.app).get("/api/v1/entities").query({ relation: "memberOf:group:default/team-a" });
    expect(members.body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(["alice"]);
  });
});

describe("derived rows", () => {
  // Relations and search rows have no foreign key (a bulk-ingest cost), so each delete path must remove them itself.
  it("leaves no relation or search row behind, whichever way an entity is deleted", async () => {
    const names = ["gone-by-ingest", "gone-by-etag", "gone-by-uid"];
    const body = names.map((name) => component(name, { dependsOn: ["resource:orders-db"] }));
    expect((await request(t.app).post("/api/v1/ingest?source=derived").set(auth).send(body)).status).toBe(200);
    const uids: string[] = [];
    for (const name of names) uids.push((await get(`component/default/${name}`)).metadata.uid);
    const leftovers = async () => {
      const rows = await t.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT (SELECT count(*) FROM relations WHERE origin_id = ANY($1::uuid[]))
              + (SELECT count(*) FROM entity_search WHERE entity_id = ANY($1::uuid[])) AS n`,
        uids,
      );
      return Number(rows[0]!.n);
    };
    expect(await leftovers()).toBeGreaterThan(0);

    const keep = body.filter((e) => e.metadata.name !== "gone-by-ingest");
    expect((await request(t.app).post("/api/v1/ingest?source=derived").set(auth).send(keep)).status).toBe(200);
    const byEtag = await get("component/default/gone-by-etag");
    expect((await request(t.app).delete("/api/v1/entities/component/default/gone-by-etag").set(auth).set("If-Match", `"${byEtag.metadata.etag}"`)).status).toBe(204);
    expect((await request(t.app).delete(`/api/catalog/entities/by-uid/${uids[2]}`).set(auth)).status).toBe(204);

    expect(await leftovers()).toBe(0);
  });
});

describe("kinds", () => {
  const environment = { apiVersion: "example.com/v1", kind: "Environment", metadata: { name: "staging" }, spec: { region: "eu" } };

  it("refuses an unknown kind, naming the allowed ones", async () => {
    const res = await request(t.app).post("/api/v1/entities").set(auth).send(environment);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("kind");
    expect(res.body.errors[0].message).toMatch(/allowed are API, Component, .*Template, User/);
  });

  it("stores an EXTRA_KINDS kind with envelope validation only", async () => {
    const custom = await startTestApp({ extraKinds: ["Environment"] });
    try {
      const res = await request(custom.app).post("/api/v1/entities").set(auth).send(environment);
      expect(res.status).toBe(201);
      expect(res.body.spec).toEqual({ region: "eu" });
    } finally {
      await custom.close();
    }
  });
});

describe("served entities in lists follow changes to other entities", () => {
  it("drops a dangling warning and adds the inverse as soon as the target appears", async () => {
    const list = async () =>
      (await request(t.app).get("/api/v1/entities").query({ kind: "component", filter: "metadata.name=list-client" })).body.items[0] as {
        status?: { items: { message: string }[] };
        relations: { type: string; targetRef: string }[];
      };
    const client = component("list-client", { dependsOn: ["component:list-target"] });
    expect((await request(t.app).post("/api/v1/ingest?source=list-client").set(auth).send([client])).status).toBe(200);
    expect((await list()).status?.items.map((i) => i.message).join()).toMatch(/component:default\/list-target: no such entity/);
    expect((await list()).status?.items.length).toBe(1); // served again from what was remembered

    expect((await request(t.app).post("/api/v1/ingest?source=list-target").set(auth).send([component("list-target", { dependsOn: ["component:list-client"] })])).status).toBe(200);
    const after = await list();
    expect(after.status).toBeUndefined();
    expect(after.relations).toContainEqual({ type: "dependencyOf", targetRef: "component:default/list-target" });
  });
});

describe("entities served by ref from memory follow every change", () => {
  type Served = { metadata: { description?: string; etag: string; uid: string }; status?: { items: { message: string }[] }; relations: { type: string; targetRef: string }[] };
  const byRefs = async (refs: string[]) => {
    const res = await request(t.app).post("/api/catalog/entities/by-refs").send({ entityRefs: refs });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    return res.body.items as (Served | null)[];
  };

  it("serves relations, warnings and edits as they are at the moment of the request", async () => {
    const refs = ["component:default/refs-client", "component:default/refs-nowhere", "component:default/refs-client"];
    expect((await request(t.app).post("/api/v1/ingest?source=refs-client").set(auth).send([component("refs-client", { dependsOn: ["component:refs-target"] })])).status).toBe(200);
    const first = await byRefs(refs);
    expect(first[1]).toBeNull();
    expect(first[0]!.status?.items.map((i) => i.message)).toEqual(["dependsOn component:default/refs-target: no such entity in the catalog"]);
    expect(await byRefs(refs)).toEqual(first); // the second answer comes from what was remembered
    expect(first[2]).toEqual(first[0]);
    const byName = async () => (await request(t.app).get("/api/catalog/entities/by-name/component/default/refs-client")).body as Served;
    const byUid = async (uid: string) => (await request(t.app).get(`/api/catalog/entities/by-uid/${uid}`)).body as Served;
    const uid = first[0]!.metadata.uid;
    expect(await byName()).toEqual(first[0]);
    expect(await byName()).toEqual(first[0]); // confirmed current by PostgreSQL, not read again
    expect(await byUid(uid)).toEqual(first[0]);

    // Another entity appearing changes what is served for this one, though its etag stays.
    expect((await request(t.app).post("/api/v1/ingest?source=refs-target").set(auth).send([component("refs-target", { dependsOn: ["component:refs-client"] })])).status).toBe(200);
    const named = await byName(); // asked first: by-refs below must not be what refreshes it
    expect(named.status).toBeUndefined();
    const [after] = await byRefs(refs);
    expect(after!.status).toBeUndefined();
    expect(after!.relations).toContainEqual({ type: "dependencyOf", targetRef: "component:default/refs-target" });
    expect(after!.metadata.etag).toBe(first[0]!.metadata.etag);
    expect(await byName()).toEqual(after);
    expect(await byUid(uid)).toEqual(after);

    // An edit of the entity itself.
    const edited = component("refs-client", { dependsOn: ["component:refs-target"] });
    edited.metadata.description = "edited just now";
    const put = await request(t.app).put("/api/v1/entities/component/default/refs-client").set(auth).set("If-Match", `"${after!.metadata.etag}"`).send(edited);
    expect(put.status).toBe(200);
    const [latest] = await byRefs(refs);
    expect(latest!.metadata.description).toBe("edited just now");
    expect(latest!.metadata.etag).not.toBe(after!.metadata.etag);
    expect(await byName()).toEqual(latest);

    // And its removal.
    const del = await request(t.app).delete("/api/v1/entities/component/default/refs-client").set(auth).set("If-Match", put.headers.etag!);
    expect(del.status).toBe(204);
    expect(await byRefs(refs)).toEqual([null, null, null]);
    expect((await request(t.app).get("/api/catalog/entities/by-name/component/default/refs-client")).status).toBe(404);
    expect((await request(t.app).get(`/api/catalog/entities/by-uid/${uid}`)).status).toBe(404);
  });
});
