import request from "supertest";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, useTestApp } from "../../test-support.ts";

const t = useTestApp();

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const path = (name: string) => `/api/v1/entities/component/default/${name}`;

async function create(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await request(t.app).post("/api/v1/entities").set(auth).send(component(name, extra));
  expect(res.status).toBe(201);
  return res.headers.etag as string;
}

describe("PUT /api/v1/entities/{kind}/{namespace}/{name}", () => {
  it("requires If-Match (428) and refuses a stale one (412, with the current ETag)", async () => {
    const etag = await create("put-pre");
    const missing = await request(t.app).put(path("put-pre")).set(auth).send(component("put-pre", { lifecycle: "x" }));
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe("precondition_required");

    const ok = await request(t.app).put(path("put-pre")).set(auth).set("If-Match", etag).send(component("put-pre", { lifecycle: "deprecated" }));
    expect(ok.status).toBe(200);
    expect(ok.body.spec.lifecycle).toBe("deprecated");
    expect(ok.headers.etag).not.toBe(etag);

    const stale = await request(t.app).put(path("put-pre")).set(auth).set("If-Match", etag).send(component("put-pre", { lifecycle: "lost" }));
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe("precondition_failed");
    expect(stale.headers.etag).toBe(ok.headers.etag);
    expect((await request(t.app).get(path("put-pre"))).body.spec.lifecycle).toBe("deprecated");
  });

  it("writes no version when the content is unchanged", async () => {
    const etag = await create("put-same");
    const res = await request(t.app).put(path("put-same")).set(auth).set("If-Match", etag).send(component("put-same"));
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe(etag);
    const history = await request(t.app).get(`${path("put-same")}/history`);
    expect(history.body.items).toHaveLength(1);
  });

  it("refuses a descriptor for another ref", async () => {
    const etag = await create("put-mine");
    const res = await request(t.app).put(path("put-mine")).set(auth).set("If-Match", etag).send(component("someone-else"));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe("metadata.name");
  });

  it("lets exactly one of 50 concurrent writers holding the same ETag win", async () => {
    const etag = await create("put-race");
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(t.app).put(path("put-race")).set(auth).set("If-Match", etag).send(component("put-race", { lifecycle: `writer-${i}` })),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = responses.find((r) => r.status === 200)!;
    expect((await request(t.app).get(path("put-race"))).body.spec.lifecycle).toBe(winner.body.spec.lifecycle);
    const history = await request(t.app).get(`${path("put-race")}/history`);
    expect(history.body.items.map((v: { operation: string }) => v.operation)).toEqual(["updated", "created"]);
  });

  it("accepts YAML", async () => {
    const etag = await create("put-yaml");
    const yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: put-yaml\nspec:\n  type: website\n  lifecycle: production\n  owner: team-a\n";
    const res = await request(t.app).put(path("put-yaml")).set(auth).set("If-Match", etag).set("Content-Type", "application/yaml").send(yaml);
    expect(res.status).toBe(200);
    expect(res.body.spec.type).toBe("website");
  });
});

describe("DELETE /api/v1/entities/{kind}/{namespace}/{name}", () => {
  it("requires a current If-Match, then deletes and keeps the history", async () => {
    const etag = await create("del-me");
    expect((await request(t.app).delete(path("del-me")).set(auth)).status).toBe(428);
    expect((await request(t.app).delete(path("del-me")).set(auth).set("If-Match", '"not-it"')).status).toBe(412);
    expect((await request(t.app).delete(path("del-me")).set(auth).set("If-Match", etag)).status).toBe(204);
    expect((await request(t.app).get(path("del-me"))).status).toBe(404);
    expect((await request(t.app).delete(path("del-me")).set(auth).set("If-Match", etag)).status).toBe(404);

    const history = await request(t.app).get(`${path("del-me")}/history`);
    expect(history.status).toBe(200);
    const [deleted, created] = history.body.items;
    expect(deleted).toMatchObject({ operation: "deleted", version: 2, etag: null, actor: "token:bootstrap" });
    const whole = await request(t.app).get(`${path("del-me")}/history/${created.id}`);
    expect(whole.status).toBe(200);
    expect(whole.body.descriptor).toMatchObject({ kind: "Component", metadata: { name: "del-me" } });
    expect((await request(t.app).get(`${path("del-me")}/history/${deleted.id}`)).body.descriptor).toBeNull();
  });
});

describe("GET .../history", () => {
  it("pages newest first with a cursor", async () => {
    let etag = await create("hist-pages");
    for (const lifecycle of ["a", "b", "c", "d"]) {
      const res = await request(t.app).put(path("hist-pages")).set(auth).set("If-Match", etag).send(component("hist-pages", { lifecycle }));
      etag = res.headers.etag as string;
    }
    const first = await request(t.app).get(`${path("hist-pages")}/history?limit=2`);
    expect(first.body.items.map((v: { version: number }) => v.version)).toEqual([5, 4]);
    const second = await request(t.app).get(`${path("hist-pages")}/history`).query({ limit: 2, cursor: first.body.pageInfo.nextCursor });
    expect(second.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    const third = await request(t.app).get(`${path("hist-pages")}/history`).query({ limit: 2, cursor: second.body.pageInfo.nextCursor });
    expect(third.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(third.body.pageInfo.nextCursor).toBeUndefined();
  });

  it("answers 404 for a ref that never existed and for an unknown version", async () => {
    expect((await request(t.app).get(`${path("never-was")}/history`)).status).toBe(404);
    await create("hist-one");
    expect((await request(t.app).get(`${path("hist-one")}/history/999999999`)).body.code).toBe("version_not_found");
    expect((await request(t.app).get(`${path("hist-one")}/history/abc`)).status).toBe(404);
  });
});
