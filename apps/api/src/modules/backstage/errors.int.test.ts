import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
let uid: string;

beforeAll(async () => {
  t = await startTestApp();
  const res = await request(t.app).post("/api/v1/ingest?source=errors-fixture").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send([component("payments-gateway")]);
  expect(res.status).toBe(200);
  uid = (await request(t.app).get("/api/catalog/entities/by-name/component/default/payments-gateway")).body.metadata.uid;
});
afterAll(async () => {
  await t.close();
});

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

type Call = { method: "get" | "post" | "delete"; path: string; body?: unknown; token?: string };

describe("errors on /api/catalog", () => {
  it.each<[string, Call, number, string, RegExp]>([
    ["an unknown query parameter", { method: "get", path: "/entities?foo=bar" }, 400, "InputError", /Unknown query parameter 'foo'/],
    ["fields on by-uid", { method: "get", path: "/entities/by-uid/UID?fields=kind" }, 400, "InputError", /Unknown query parameter 'fields'/],
    ["a malformed filter", { method: "get", path: "/entities?filter=kind=component,=x" }, 400, "InputError", /Invalid filter, '=x' is not a valid statement/],
    ["an empty filter", { method: "get", path: "/entities/by-query?filter=" }, 400, "InputError", /Invalid filter/],
    ["a bad order", { method: "get", path: "/entities?order=sideways:metadata.name" }, 400, "InputError", /Invalid order/],
    ["an order without a field", { method: "get", path: "/entities?order=metadata.name" }, 400, "InputError", /Invalid order/],
    ["a bad orderField", { method: "get", path: "/entities/by-query?orderField=metadata.name,up" }, 400, "InputError", /Invalid order/],
    ["a non-numeric limit", { method: "get", path: "/entities?limit=ten" }, 400, "InputError", /'limit'/],
    ["a negative offset", { method: "get", path: "/entities/by-query?offset=-1" }, 400, "InputError", /'offset'/],
    ["a garbage cursor", { method: "get", path: "/entities/by-query?cursor=not-a-cursor" }, 400, "InputError", /Malformed cursor/],
    ["a forged cursor", { method: "get", path: `/entities/by-query?cursor=${cursorOf({ offset: "x" })}` }, 400, "InputError", /Malformed cursor/],
    ["a garbage after cursor", { method: "get", path: "/entities?after=%%%" }, 400, "InputError", /Malformed after cursor/],
    ["a bad totalItems", { method: "get", path: "/entities/by-query?totalItems=maybe" }, 400, "InputError", /'totalItems'/],
    ["an indexed field", { method: "get", path: "/entities?fields=metadata.tags[0]" }, 400, "InputError", /array indexing/],
    ["facets without a facet", { method: "get", path: "/entity-facets" }, 400, "InputError", /'facet'/],
    ["an unknown predicate operator", { method: "post", path: "/entities/by-query", body: { query: { $or: [] } } }, 400, "InputError", /unknown operator '\$or'/],
    ["an unknown matcher", { method: "post", path: "/entities/by-query", body: { query: { kind: { $regex: "c.*" } } } }, 400, "InputError", /unknown matcher '\$regex'/],
    ["a predicate that is not an object", { method: "post", path: "/entity-facets", body: { facets: ["kind"], query: ["kind"] } }, 400, "InputError", /'query'/],
    ["a null predicate value", { method: "post", path: "/entities/by-refs", body: { entityRefs: [], query: { kind: null } } }, 400, "InputError", /query\.kind/],
    ["by-refs without entityRefs", { method: "post", path: "/entities/by-refs", body: {} }, 400, "InputError", /'entityRefs'/],
    ["an unknown body field", { method: "post", path: "/entities/by-query", body: { filter: "kind=component" } }, 400, "InputError", /Unknown request body field 'filter'/],
    ["facets without facets", { method: "post", path: "/entity-facets", body: {} }, 400, "InputError", /'facets'/],
    ["refresh without entityRef", { method: "post", path: "/refresh", body: {} }, 400, "InputError", /'entityRef'/],
    ["validate-entity without location", { method: "post", path: "/validate-entity", body: { entity: component("x") } }, 400, "InputError", /'location'/],
    ["an unknown entity", { method: "get", path: "/entities/by-name/component/default/nope" }, 404, "NotFoundError", /No entity named 'nope' found, with kind 'component' in namespace 'default'/],
    ["an unknown uid", { method: "get", path: "/entities/by-uid/00000000-0000-4000-8000-000000000000" }, 404, "NotFoundError", /No entity with uid/],
    ["a malformed uid", { method: "get", path: "/entities/by-uid/nope" }, 404, "NotFoundError", /No entity with uid/],
    ["an unknown entity's ancestry", { method: "get", path: "/entities/by-name/component/default/nope/ancestry" }, 404, "NotFoundError", /nope/],
    ["refreshing an unknown entity", { method: "post", path: "/refresh", body: { entityRef: "component:default/nope" } }, 404, "NotFoundError", /nope/],
    ["deleting without a token", { method: "delete", path: "/entities/by-uid/UID" }, 401, "AuthenticationError", /Sign in, or send an API token/],
    ["deleting with a wrong token", { method: "delete", path: "/entities/by-uid/UID", token: "wrong-token" }, 401, "AuthenticationError", /not valid/],
  ])("%s", async (_what, call, status, name, message) => {
    const path = call.path.replace("UID", uid);
    let req = request(t.app)[call.method](`/api/catalog${path}`);
    if (call.token) req = req.set("Authorization", `Bearer ${call.token}`);
    const res = await (call.body === undefined ? req : req.send(call.body as object));
    expect(res.status).toBe(status);
    expect(res.type).toBe("application/json");
    expect(res.body).toEqual({
      error: { name, message: expect.stringMatching(message) },
      request: { method: call.method.toUpperCase(), url: path },
      response: { statusCode: status },
    });
  });

  it("refuses malformed JSON as an InputError", async () => {
    const res = await request(t.app).post("/api/catalog/entities/by-refs").set("Content-Type", "application/json").send('{"entityRefs": [');
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe("InputError");
  });

  it("answers an unknown route, or an unknown method, with an empty 404", async () => {
    for (const res of [await request(t.app).get("/api/catalog/nope"), await request(t.app).put("/api/catalog/entities"), await request(t.app).get("/api/catalog/locations/abc")]) {
      expect(res.status).toBe(404);
      expect(res.text).toBe("");
    }
  });

  it("leaves /api/v1 errors as problem+json", async () => {
    const res = await request(t.app).get("/api/v1/entities/component/default/nope");
    expect(res.status).toBe(404);
    expect(res.type).toBe("application/problem+json");
  });

  it("deletes an unknown uid with 204, and a known one with the token", async () => {
    const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    expect((await request(t.app).delete("/api/catalog/entities/by-uid/00000000-0000-4000-8000-000000000000").set(auth)).status).toBe(204);
    expect((await request(t.app).delete("/api/catalog/entities/by-uid/not-a-uuid").set(auth)).status).toBe(204);
    expect((await request(t.app).delete(`/api/catalog/entities/by-uid/${uid}`).set(auth)).status).toBe(204);
    expect((await request(t.app).get(`/api/catalog/entities/by-uid/${uid}`)).status).toBe(404);
  });
});

describe("validate-entity failures", () => {
  it("reports only the first problem, in Backstage's validation body", async () => {
    const res = await request(t.app)
      .post("/api/catalog/validate-entity")
      .send({ entity: { apiVersion: "backstage.io/v1alpha1", kind: "Component", metadata: { name: "Bad Name!" }, spec: {} }, location: "url:https://example.com/x.yaml" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ name: "InputError", message: expect.any(String) }] });
  });

  it("refuses an entity that is not an object", async () => {
    const res = await request(t.app).post("/api/catalog/validate-entity").send({ entity: "kind: Component", location: "url:https://example.com/x.yaml" });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
  });
});
