import { RegisterResponseSchema, ValidateResponseSchema } from "@cartograph/contracts";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, sessionFor, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
let viewer: Record<string, string>;
let editor: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp({ anonymousRead: false });
  const org = [
    { kind: "Group", metadata: { name: "team-a" }, spec: { type: "team", children: [] } },
    { kind: "Group", metadata: { name: "team-b" }, spec: { type: "team", children: [] } },
    { kind: "User", metadata: { name: "ed" }, spec: { memberOf: ["team-a"], profile: { email: "ed@example.com" } } },
    { kind: "Resource", metadata: { name: "shared-db" }, spec: { type: "database", owner: "team-b" } },
  ].map((e) => ({ apiVersion: "backstage.io/v1alpha1", ...e }));
  expect((await request(t.app).post("/api/v1/ingest?source=org").set(admin).send(org)).status).toBe(200);
  viewer = bearer(await sessionFor(t, { email: "vera@example.com", role: "viewer" }));
  editor = bearer(await sessionFor(t, { email: "ed@example.com", role: "editor" }));
});
afterAll(async () => {
  await t.close();
});

const yamlOf = (...docs: string[]) => docs.map((d) => d.trim()).join("\n---\n") + "\n";
const service = (name: string, owner = "team-a", extra = "") => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  title: ${name} title
spec:
  type: service
  lifecycle: production
  owner: ${owner}${extra}`;
const api = (name: string, owner = "team-a") => `
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}
spec:
  type: openapi
  lifecycle: production
  owner: ${owner}
  definition:
    $text: ./openapi.yaml`;

const post = (path: string, auth: Record<string, string>, body: string, type = "application/yaml") => request(t.app).post(path).set(auth).set("Content-Type", type).send(body);
const exists = async (ref: string) => (await request(t.app).get(`/api/v1/entities/${ref}`).set(admin)).status === 200;

describe("POST /api/v1/validate", () => {
  it("answers valid with warnings per document for a good multi-document file, and writes nothing", async () => {
    const res = await post("/api/v1/validate", viewer, yamlOf(service("v-one"), api("v-api")));
    expect(res.status).toBe(200);
    const body = ValidateResponseSchema.parse(res.body);
    expect(body).toMatchObject({ valid: true, documents: 2, errors: [] });
    expect(body.warnings).toEqual([expect.objectContaining({ document: 1, path: "spec.definition" })]);
    expect(await exists("component/default/v-one")).toBe(false);
  });

  it("answers 200 valid:false with every problem, its document, line and column", async () => {
    const bad = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: bad name!
spec:
  type: service
  lifecycle: production`;
    const res = await post("/api/v1/validate", viewer, yamlOf(service("v-fine"), bad, service("v-fine")));
    expect(res.status).toBe(200);
    const body = ValidateResponseSchema.parse(res.body);
    expect(body.valid).toBe(false);
    expect(body.documents).toBe(3);
    const name = body.errors.find((e) => e.path === "metadata.name" && e.document === 1);
    // Document 1 starts on line 11 of the file; its name is on line 14, after "  name: ".
    expect(name).toMatchObject({ line: 14, column: 9 });
    expect(body.errors.some((e) => e.document === 1 && e.path === "spec.owner")).toBe(true);
    expect(body.errors.find((e) => e.document === 2)?.message).toMatch(/also defined by document 0/);
  });

  it("answers valid:false with the position of a YAML syntax error", async () => {
    const res = await post("/api/v1/validate", viewer, "kind: Component\nmetadata: [unclosed\n");
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.errors[0]).toMatchObject({ document: 0, line: expect.any(Number), column: expect.any(Number) });
  });

  it("takes JSON: one entity or an array", async () => {
    const one = { apiVersion: "backstage.io/v1alpha1", kind: "Group", metadata: { name: "j-team" }, spec: { type: "team", children: [] } };
    const single = await request(t.app).post("/api/v1/validate").set(viewer).send(one);
    expect(single.body).toMatchObject({ valid: true, documents: 1 });
    const many = await request(t.app).post("/api/v1/validate").set(viewer).send([one, { ...one, kind: "Nope" }]);
    expect(many.body.valid).toBe(false);
    expect(many.body.errors[0].document).toBe(1);
  });

  it("needs a signed-in caller", async () => {
    const res = await request(t.app).post("/api/v1/validate").set("Content-Type", "application/yaml").send(service("x"));
    expect(res.status).toBe(401);
  });
});

describe("POST /api/v1/register", () => {
  it("previews a dry run for any reader: entities, relations with targetExists, warnings; writes nothing", async () => {
    const file = yamlOf(service("r-dry", "team-a", "\n  providesApis: [r-dry-api]\n  dependsOn: [resource:shared-db, resource:nowhere]"), api("r-dry-api"));
    const res = await post("/api/v1/register?dryRun=true", viewer, file);
    expect(res.status).toBe(200);
    const body = RegisterResponseSchema.parse(res.body);
    expect(body.dryRun).toBe(true);
    expect(body.entities).toEqual([
      { ref: "component:default/r-dry", kind: "Component", namespace: "default", name: "r-dry", title: "r-dry title" },
      { ref: "api:default/r-dry-api", kind: "API", namespace: "default", name: "r-dry-api", title: null },
    ]);
    const rel = (type: string, target: string) => body.relations.find((r) => r.type === type && r.targetRef === target);
    expect(rel("providesApi", "api:default/r-dry-api")?.targetExists).toBe(true); // in the same file
    expect(rel("dependsOn", "resource:default/shared-db")?.targetExists).toBe(true); // in the catalog
    expect(rel("dependsOn", "resource:default/nowhere")?.targetExists).toBe(false);
    expect(rel("ownedBy", "group:default/team-a")?.targetExists).toBe(true);
    expect(body.warnings).toEqual([expect.objectContaining({ document: 1, path: "spec.definition" })]);
    expect(await exists("component/default/r-dry")).toBe(false);
  });

  it("creates every entity of the file in one go, with history, change events and an audit record", async () => {
    const res = await post("/api/v1/register", admin, yamlOf(service("r-one"), service("r-two")));
    expect(res.status).toBe(201);
    const body = RegisterResponseSchema.parse(res.body);
    expect(body.dryRun).toBe(false);
    for (const e of body.entities) {
      const got = await request(t.app).get(`/api/v1/entities/component/default/${e.name}`).set(admin);
      expect(got.status).toBe(200);
      expect(got.body.metadata.uid).toBe(e.uid);
      expect(got.body.metadata.etag).toBe(e.etag);
      expect(got.body.metadata.annotations?.["cartograph.io/source"]).toBeUndefined();
    }
    const history = await request(t.app).get("/api/v1/entities/component/default/r-one/history").set(admin);
    expect(history.body.items).toEqual([expect.objectContaining({ operation: "created", actor: "token:bootstrap" })]);
    const events = await t.db.prisma.changeEvent.findMany({ where: { ref: { in: ["component:default/r-one", "component:default/r-two"] } } });
    expect(events.map((e) => e.operation)).toEqual(["created", "created"]);
    const audit = await t.db.prisma.auditEvent.findFirst({ where: { action: "catalog.register" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ outcome: "success", target: "component:default/r-one" });
    expect(await t.db.prisma.entity.count({ where: { ref: { in: ["component:default/r-one", "component:default/r-two"] }, source: null } })).toBe(2);
  });

  it("writes nothing when one document is bad, and answers 422 with every problem positioned", async () => {
    const res = await post("/api/v1/register", admin, yamlOf(service("r-atomic"), service("r-broken", "").replace("owner: ", "owner:")));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.errors).toEqual([expect.objectContaining({ document: 1, path: "spec.owner", line: expect.any(Number), column: expect.any(Number) })]);
    expect(await exists("component/default/r-atomic")).toBe(false);
  });

  it("answers 409 naming an entity that exists, and writes none of the others", async () => {
    const res = await post("/api/v1/register", admin, yamlOf(service("r-new-one"), service("R-ONE")));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("entity_exists");
    expect(res.body.detail).toMatch(/component:default\/r-one already exists/);
    expect(await exists("component/default/r-new-one")).toBe(false);
    const dry = await post("/api/v1/register?dryRun=true", viewer, yamlOf(service("r-new-one"), service("r-one")));
    expect(dry.status).toBe(409);
    expect(dry.body.detail).toMatch(/component:default\/r-one already exists/);
  });

  it("lets an editor register only what their groups own: all or nothing, 403 naming the refused", async () => {
    const mixed = await post("/api/v1/register", editor, yamlOf(service("ed-own"), service("ed-theirs", "team-b")));
    expect(mixed.status).toBe(403);
    expect(mixed.body.detail).toMatch(/component:default\/ed-theirs \(owner group:default\/team-b\)/);
    expect(await exists("component/default/ed-own")).toBe(false);
    const own = await post("/api/v1/register", editor, yamlOf(service("ed-own")));
    expect(own.status).toBe(201);
    expect((await post("/api/v1/register", viewer, yamlOf(service("vera-svc")))).status).toBe(403);
  });

  it("runs once per Idempotency-Key: a retry gets the first answer again", async () => {
    const file = yamlOf(service("r-idem"));
    const first = await post("/api/v1/register", admin, file).set("Idempotency-Key", "register-idem-1");
    expect(first.status).toBe(201);
    const retry = await post("/api/v1/register", admin, file).set("Idempotency-Key", "register-idem-1");
    expect(retry.status).toBe(201);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toEqual(first.body);
    expect(await t.db.prisma.changeEvent.count({ where: { ref: "component:default/r-idem" } })).toBe(1);
    const other = await post("/api/v1/register", admin, yamlOf(service("r-idem-2"))).set("Idempotency-Key", "register-idem-1");
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
  });

  it.each([
    ["an empty file", "", "application/yaml", 400, "empty_body"],
    ["an unknown query parameter", "x", "application/yaml", 400, "invalid_query"],
    ["text/plain", "kind: Component", "text/plain", 415, "unsupported_media_type"],
  ])("refuses %s", async (what, body, type, status, code) => {
    const path = what.includes("query") ? "/api/v1/register?force=yes" : "/api/v1/register";
    const res = await post(path, admin, body, type);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });
});
