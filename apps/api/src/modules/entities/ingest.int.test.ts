import request from "supertest";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, useTestApp } from "../../test-support.ts";

const t = useTestApp();

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const ingest = (source: string, body: unknown, query: Record<string, string> = {}) =>
  request(t.app).post("/api/v1/ingest").query({ source, ...query }).set(auth).send(body as object);
const ingestYaml = (source: string, yaml: string, query: Record<string, string> = {}) =>
  request(t.app).post("/api/v1/ingest").query({ source, ...query }).set(auth).set("Content-Type", "application/yaml").send(yaml);

const yamlComponent = (name: string, lifecycle = "production") =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: ${lifecycle}\n  owner: team-a\n`;

async function refsOfSource(source: string): Promise<string[]> {
  const rows = await t.db.prisma.entity.findMany({ where: { source }, select: { ref: true }, orderBy: { ref: "asc" } });
  return rows.map((r) => r.ref);
}

describe("POST /api/v1/ingest", () => {
  it("creates every entity of a multi-document YAML body, then changes nothing when sent again", async () => {
    const body = [yamlComponent("ing-a"), yamlComponent("ing-b"), yamlComponent("ing-c")].join("---\n");
    const first = await ingestYaml("repo/one", body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      source: "repo/one",
      dryRun: false,
      diff: { created: ["component:default/ing-a", "component:default/ing-b", "component:default/ing-c"], updated: [], unchanged: [], deleted: [] },
    });
    const etag = (await request(t.app).get("/api/v1/entities/component/default/ing-b")).body.metadata.etag;

    const again = await ingestYaml("repo/one", body);
    expect(again.body.diff).toEqual({ created: [], updated: [], unchanged: first.body.diff.created, deleted: [] });
    expect((await request(t.app).get("/api/v1/entities/component/default/ing-b")).body.metadata.etag).toBe(etag);
  });

  it("replaces the source's set: updates what changed and deletes what is gone, with history and events", async () => {
    await ingest("repo/two", [component("two-a"), component("two-b"), component("two-c")]);
    const before = (await request(t.app).get("/api/v1/entities/component/default/two-a")).body;
    const changed = component("two-a", { lifecycle: "deprecated", dependsOn: ["component:two-b"] });
    changed.metadata.description = "Settles zebra invoices";
    const res = await ingest("repo/two", [changed, component("two-b")]);
    expect(res.status).toBe(200);
    expect(res.body.diff).toEqual({
      created: [],
      updated: ["component:default/two-a"],
      unchanged: ["component:default/two-b"],
      deleted: ["component:default/two-c"],
    });
    const after = (await request(t.app).get("/api/v1/entities/component/default/two-a")).body;
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.metadata.etag).not.toBe(before.metadata.etag);
    expect(after.spec.lifecycle).toBe("deprecated");
    expect(after.relations).toContainEqual({ type: "dependsOn", targetRef: "component:default/two-b" });
    expect((await request(t.app).get("/api/v1/entities/component/default/two-c")).status).toBe(404);
    // The filter columns, search rows and text vector were rewritten with the entity.
    const found = await request(t.app).get("/api/v1/entities").query({ lifecycle: "deprecated", q: "zebra", relation: "dependsOn:component:default/two-b" });
    expect(found.body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(["two-a"]);

    const versions = await t.db.prisma.entityVersion.findMany({ where: { ref: { in: ["component:default/two-a", "component:default/two-c"] } }, orderBy: { id: "asc" } });
    expect(versions.map((v) => [v.ref, v.version, v.operation])).toEqual([
      ["component:default/two-a", 1, "created"],
      ["component:default/two-c", 1, "created"],
      ["component:default/two-a", 2, "updated"],
      ["component:default/two-c", 2, "deleted"],
    ]);
    expect(versions.every((v) => v.actor === "token:bootstrap" && v.source === "repo/two" && v.requestId)).toBe(true);
    const events = await t.db.prisma.changeEvent.findMany({ where: { source: "repo/two" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.operation)).toEqual(["created", "created", "created", "updated", "deleted"]);
  });

  it("moves the catalog version (what read caches key on) once per committed change, and not for a no-op", async () => {
    const version = async () => (await t.db.prisma.catalogState.findUniqueOrThrow({ where: { id: 1 } })).version;
    const start = await version();
    await ingest("repo/version", [component("ver-a"), component("ver-b")]);
    expect(await version()).toBe(start + 1n);
    await ingest("repo/version", [component("ver-a"), component("ver-b")]);
    expect(await version()).toBe(start + 1n);
    await ingest("repo/version", [component("ver-a")]);
    expect(await version()).toBe(start + 2n);
  });

  it("writes nothing when any document is invalid, and reports every problem with document, line and column", async () => {
    await ingest("repo/three", [component("three-a")]);
    const body = [yamlComponent("three-a", "deprecated"), yamlComponent("three-b"), "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: -bad\nspec:\n  type: service\n  owner: team-a\n"].join("---\n");
    const res = await ingestYaml("repo/three", body);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/nothing was written/);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        // Lines count from the top of the file: the third document starts on line 19.
        expect.objectContaining({ document: 2, path: "metadata.name", line: 22, column: 9 }),
        expect.objectContaining({ document: 2, path: "spec.lifecycle" }),
      ]),
    );
    expect(await refsOfSource("repo/three")).toEqual(["component:default/three-a"]);
    expect((await request(t.app).get("/api/v1/entities/component/default/three-a")).body.spec.lifecycle).toBe("production");
  });

  it("refuses the same ref twice in one body, whatever the letter case", async () => {
    const res = await ingest("repo/dupes", [component("dupe"), component("DUPE")]);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ document: 1, path: "metadata.name" });
    expect(res.body.errors[0].message).toMatch(/also defined by document 0/);
  });

  it("stores a relation or a field value written twice (in any letter case) once, on create and on update", async () => {
    const twice = component("twice", { dependsOn: ["component:default/twice-dep", "Component:default/Twice-Dep", "component:twice-dep"] });
    twice.metadata.tags = ["java", "java"];
    twice.metadata.labels = { tier: "gold" };
    expect((await ingest("repo/twice", [twice])).status).toBe(200);
    const served = async () => (await request(t.app).get("/api/v1/entities/component/default/twice")).body;
    const dependsOn = (body: { relations: { type: string; targetRef: string }[] }) => body.relations.filter((r) => r.type === "dependsOn");
    expect(dependsOn(await served())).toEqual([{ type: "dependsOn", targetRef: "component:default/twice-dep" }]);
    const tagged = await request(t.app).get("/api/catalog/entities/by-query").query({ filter: "metadata.tags=java,metadata.name=twice" });
    expect(tagged.body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(["twice"]);

    // Changed, the derived rows are replaced: still once each.
    twice.metadata.labels = { tier: "silver" };
    expect((await ingest("repo/twice", [twice])).body.diff.updated).toEqual(["component:default/twice"]);
    expect(dependsOn(await served())).toEqual([{ type: "dependsOn", targetRef: "component:default/twice-dep" }]);
    const uid = (await served()).metadata.uid as string;
    const counts = await t.db.prisma.$queryRaw<{ key: string; n: number }[]>`SELECT key, count(*)::int AS n FROM entity_search WHERE entity_id = ${uid}::uuid GROUP BY key ORDER BY key`;
    expect(counts.filter((c) => c.n > 1 && c.key !== "spec.dependson" && c.key !== "relations.dependson")).toEqual([]);
    expect(counts.find((c) => c.key === "metadata.tags")).toEqual({ key: "metadata.tags", n: 1 });
    expect(counts.find((c) => c.key === "metadata.labels.tier")).toEqual({ key: "metadata.labels.tier", n: 1 });
    const relationRows = await t.db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM relations WHERE origin_id = ${uid}::uuid AND type = 'dependsOn'`;
    expect(relationRows).toEqual([{ n: 1 }]);
  });

  it("returns the diff without writing on a dry run", async () => {
    const res = await ingest("repo/dry", [component("dry-a")], { dryRun: "true" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, diff: { created: ["component:default/dry-a"] } });
    expect(await refsOfSource("repo/dry")).toEqual([]);
  });

  it("answers 409 naming entities another source or a direct write owns, and writes nothing", async () => {
    await ingest("repo/owner", [component("owned")]);
    expect((await request(t.app).post("/api/v1/entities").set(auth).send(component("direct"))).status).toBe(201);
    const res = await ingest("repo/intruder", [component("fresh"), component("owned"), component("direct")]);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("entity_owned_by_another_source");
    expect(res.body.detail).toContain("component:default/owned (source repo/owner)");
    expect(res.body.detail).toContain("component:default/direct (written directly)");
    expect(await refsOfSource("repo/intruder")).toEqual([]);
  });

  it("serialises concurrent ingests of one source: the result is exactly one of the payloads", async () => {
    const payloads = Array.from({ length: 6 }, (_, i) => Array.from({ length: 5 }, (_, j) => component(`race-${(i + j) % 8}`, { lifecycle: `l${i}` })));
    const responses = await Promise.all(payloads.map((p) => ingest("repo/race", p)));
    expect(responses.map((r) => r.status)).toEqual(payloads.map(() => 200));
    const final = await t.db.prisma.entity.findMany({ where: { source: "repo/race" }, select: { name: true, spec: true }, orderBy: { name: "asc" } });
    const matches = payloads.filter((p) => {
      const expected = p.map((c) => [c.metadata.name, c.spec.lifecycle]).sort();
      return JSON.stringify(expected) === JSON.stringify(final.map((e) => [e.name, (e.spec as { lifecycle: string }).lifecycle]));
    });
    expect(matches).toHaveLength(1);
  });

  it.each([
    [{}, "source"],
    [{ source: "ok", extra: "1" }, "(root)"],
    [{ source: "-starts-with-dash" }, "source"],
    [{ source: "ok", dryRun: "yes" }, "dryRun"],
  ])("rejects query %j naming %s", async (query, path) => {
    const res = await request(t.app).post("/api/v1/ingest").query(query).set(auth).send([component("never")]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe(path);
  });

  it("requires the admin token", async () => {
    const res = await request(t.app).post("/api/v1/ingest?source=x").send([component("never")]);
    expect(res.status).toBe(401);
  });
});
