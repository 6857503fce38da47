import { ProblemSchema } from "@cartograph/contracts";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, startTestApp, useTestApp } from "../../test-support.ts";

const t = useTestApp();

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const post = (body: unknown, headers: Record<string, string> = auth) =>
  request(t.app).post("/api/v1/entities").set(headers).send(body as object);

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const problem = ProblemSchema.parse(res.body);
  expect(problem).toMatchObject({ status, code });
  expect(problem.requestId).toBe(res.headers["x-request-id"]);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack frames
  return problem;
}

describe("POST /api/v1/entities", () => {
  it("stores a JSON descriptor and returns it with uid, etag and Location", async () => {
    const res = await post(component("orders-api"));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe("/api/v1/entities/component/default/orders-api");
    expect(res.body.metadata).toMatchObject({ name: "orders-api", namespace: "default", description: "The orders-api service" });
    expect(res.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.etag).toBe(`"${res.body.metadata.etag}"`);
    expect(res.body.spec).toMatchObject({ type: "service", lifecycle: "production", owner: "group:team-a" });
  });

  it("stores a YAML descriptor", async () => {
    const yaml = [
      "apiVersion: backstage.io/v1alpha1",
      "kind: Component",
      "metadata:",
      "  name: Billing",
      "  namespace: finance",
      "spec:",
      "  type: service",
      "  lifecycle: experimental",
      "  owner: team-b",
    ].join("\n");
    const res = await request(t.app).post("/api/v1/entities").set(auth).set("Content-Type", "application/yaml").send(yaml);
    expect(res.status).toBe(201);
    expect(res.body.metadata).toMatchObject({ name: "Billing", namespace: "finance" });
    const again = await request(t.app).get("/api/v1/entities/COMPONENT/Finance/billing");
    expect(again.status).toBe(200);
    expect(again.body.metadata.uid).toBe(res.body.metadata.uid);
  });

  it("reports every problem of an invalid descriptor at once, and stores nothing", async () => {
    const res = await post({
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "-bad-", tags: ["Not A Tag"] },
      spec: { type: "service", owner: "group:team-a", dependsOn: ["orders-db"] },
      status: {},
    });
    const problem = expectProblem(res, 422, "validation_failed");
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(
      // A foreign root key is reported at its own path, so it points at its line in the YAML.
      ["status", "metadata.name", "metadata.tags[0]", "spec.dependsOn[0]", "spec.lifecycle"].sort(),
    );
    expect(problem.errors?.find((e) => e.path === "spec.lifecycle")?.message).toMatch(/required/);
    const list = await request(t.app).get("/api/v1/entities");
    expect(list.body.items.map((e: { metadata: { name: string } }) => e.metadata.name)).not.toContain("-bad-");
  });

  it.each([
    ["no token", {}, 401, "unauthenticated"],
    ["a wrong token", { Authorization: "Bearer not-the-token" }, 401, "invalid_token"],
    ["a non-bearer scheme", { Authorization: `Basic ${ADMIN_TOKEN}` }, 401, "invalid_authorization"],
  ])("refuses a write with %s", async (_case, headers, status, code) => {
    const res = await post(component("never-stored"), headers as Record<string, string>);
    expectProblem(res, status, code);
    expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect((await request(t.app).get("/api/v1/entities/component/default/never-stored")).status).toBe(404);
  });

  it("returns 409 for an entity that exists, whatever the letter case", async () => {
    expect((await post(component("payments"))).status).toBe(201);
    const problem = expectProblem(await post(component("PAYMENTS")), 409, "entity_exists");
    expect(problem.detail).toContain("component:default/payments");
  });

  it.each([
    ["malformed JSON", "application/json", "{nope", 400, "malformed_body"],
    ["an unsupported media type", "text/plain", "hello", 415, "unsupported_media_type"],
    ["two YAML documents", "application/yaml", "a: 1\n---\nb: 2\n", 400, "multiple_documents"],
    ["broken YAML", "application/yaml", "metadata:\n  name: [unclosed\n", 422, "invalid_yaml"],
    ["a body over the size limit", "application/json", JSON.stringify({ x: "y".repeat(600_000) }), 413, "payload_too_large"],
  ])("rejects %s", async (_case, type, body, status, code) => {
    const res = await request(t.app).post("/api/v1/entities").set(auth).set("Content-Type", type).send(body);
    expectProblem(res, status, code);
  });

  it("answers a YAML alias bomb quickly with a clear error", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]", "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]", "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]"].join("\n");
    const res = await request(t.app).post("/api/v1/entities").set(auth).set("Content-Type", "application/yaml").send(bomb);
    const problem = expectProblem(res, 422, "invalid_yaml");
    expect(problem.errors?.[0]?.message).toMatch(/alias/i);
  });
});

describe("GET /api/v1/entities", () => {
  it("pages through every entity with a cursor, each exactly once", async () => {
    for (const name of ["page-a", "page-b", "page-c", "page-d", "page-e"]) expect((await post(component(name))).status).toBe(201);
    const all = (await request(t.app).get("/api/v1/entities?limit=500")).body;
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await request(t.app).get("/api/v1/entities").query({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.totalItems).toBe(all.totalItems);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: { metadata: { uid: string } }) => e.metadata.uid));
      cursor = res.body.pageInfo.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen).toHaveLength(all.totalItems);
    expect(new Set(seen).size).toBe(all.totalItems);
    expect(pages).toBe(Math.ceil(all.totalItems / 2));
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["limit=abc", "limit"],
  ])("rejects %s naming the field", async (qs, path) => {
    const problem = expectProblem(await request(t.app).get(`/api/v1/entities?${qs}`), 400, "invalid_query");
    expect(problem.errors?.[0]?.path).toBe(path);
  });

  it("rejects a cursor it did not issue", async () => {
    const problem = expectProblem(await request(t.app).get("/api/v1/entities?cursor=garbage"), 400, "invalid_cursor");
    expect(problem.errors?.[0]?.path).toBe("cursor");
  });
});

describe("GET /api/v1/entities/{kind}/{namespace}/{name}", () => {
  it("returns 404 problem for an unknown entity", async () => {
    const problem = expectProblem(await request(t.app).get("/api/v1/entities/component/default/missing"), 404, "entity_not_found");
    expect(problem.detail).toContain("component:default/missing");
  });
});

describe("cross-cutting HTTP behaviour", () => {
  it("echoes a well-formed x-request-id and replaces a malformed one", async () => {
    const kept = await request(t.app).get("/healthz").set("x-request-id", "web-1234.abc");
    expect(kept.headers["x-request-id"]).toBe("web-1234.abc");
    const replaced = await request(t.app).get("/healthz").set("x-request-id", "bad id with spaces");
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers unknown routes with a 404 problem", async () => {
    expectProblem(await request(t.app).get("/api/v1/nothing-here"), 404, "route_not_found");
  });
});

describe("without CARTOGRAPH_ADMIN_TOKEN", () => {
  it("there is no bootstrap token: any other bearer secret is refused", async () => {
    const locked = await startTestApp({ adminToken: null });
    try {
      const res = await request(locked.app).post("/api/v1/entities").set("Authorization", "Bearer anything-at-all").send(component("x"));
      expectProblem(res, 401, "invalid_token");
    } finally {
      await locked.close();
    }
  });
});
