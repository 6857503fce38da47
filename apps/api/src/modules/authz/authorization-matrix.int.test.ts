import { readFileSync } from "node:fs";
import type { Role } from "@cartograph/contracts";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../http/authenticate.ts";
import { ADMIN_TOKEN, apiTokenFor, sessionFor, startTestApp, type TestApp } from "../../test-support.ts";
import { backstageCatalogRoutes } from "../backstage/routes.ts";

/**
 * Every route × every kind of caller → allowed or refused (with which status). A route served by
 * the API but missing here fails the suite: /api/v1 routes come from the committed OpenAPI document
 * (which the OpenAPI tests keep equal to what the API serves), /api/catalog routes from its router.
 *
 * "Allowed" means authorization let the request through: any status but 401/403 and below 500
 * (a probe may well be 404 or 412: that is the catalog answering, not authorization).
 */
type Caller = "anonymous" | "viewer" | "editorOwner" | "editorOther" | "admin" | "tokenRead" | "tokenWrite" | "tokenAdmin" | "tokenExpired" | "tokenRevoked";
const CALLERS: Caller[] = ["anonymous", "viewer", "editorOwner", "editorOther", "admin", "tokenRead", "tokenWrite", "tokenAdmin", "tokenExpired", "tokenRevoked"];

/** Who may use a route. */
type Rule =
  /** Health probes: outside the API's authentication, credentials are not even looked at. */
  | "health"
  /** Anyone, even without credentials (dead credentials are still refused). */
  | "public"
  /** Any signed-in account or live token; anonymous only with ANONYMOUS_READ (off here). */
  | "read"
  /** Catalog writes: admins and write/admin tokens anything, editors what their groups own. */
  | "write"
  /** Administration: role admin or scope admin. */
  | "admin"
  /** A signed-in account's own session (sign-out): accounts only. */
  | "session";

const expected: Record<Rule, Record<Caller, number | "allowed">> = {
  health: Object.fromEntries(CALLERS.map((c) => [c, "allowed"])) as Record<Caller, "allowed">,
  public: { anonymous: "allowed", viewer: "allowed", editorOwner: "allowed", editorOther: "allowed", admin: "allowed", tokenRead: "allowed", tokenWrite: "allowed", tokenAdmin: "allowed", tokenExpired: 401, tokenRevoked: 401 },
  read: { anonymous: 401, viewer: "allowed", editorOwner: "allowed", editorOther: "allowed", admin: "allowed", tokenRead: "allowed", tokenWrite: "allowed", tokenAdmin: "allowed", tokenExpired: 401, tokenRevoked: 401 },
  write: { anonymous: 401, viewer: 403, editorOwner: "allowed", editorOther: 403, admin: "allowed", tokenRead: 403, tokenWrite: "allowed", tokenAdmin: "allowed", tokenExpired: 401, tokenRevoked: 401 },
  admin: { anonymous: 401, viewer: 403, editorOwner: 403, editorOther: 403, admin: "allowed", tokenRead: 403, tokenWrite: 403, tokenAdmin: "allowed", tokenExpired: 401, tokenRevoked: 401 },
  session: { anonymous: 401, viewer: "allowed", editorOwner: "allowed", editorOther: "allowed", admin: "allowed", tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, tokenExpired: 401, tokenRevoked: 401 },
};

interface Probe {
  rule: Rule;
  /** The concrete path to call (parameters filled with a fixture owned by team-a). */
  path?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const OWNED = "component/default/owned-svc";
const owned = { apiVersion: "backstage.io/v1alpha1", kind: "Component", metadata: { name: "owned-svc" }, spec: { type: "service", lifecycle: "production", owner: "team-a" } };
const STALE = { "If-Match": '"not-the-current-etag"' }; // writes pass authorization, then stop at 412: nothing changes
const UID = "{uid}";
const NO_ACCOUNT = "0195f1a2-0000-7000-8000-000000000000";

/** Keyed `METHOD /path/{param}` as documented (OpenAPI) or routed (/api/catalog). */
const MATRIX: Record<string, Probe> = {
  "GET /healthz": { rule: "health" },
  "GET /readyz": { rule: "health" },
  "GET /livez": { rule: "health" },
  // Open here (no METRICS_TOKEN); the token's own check is tested beside the route.
  "GET /metrics": { rule: "health" },
  "GET /api/v1/openapi.json": { rule: "public" },
  "GET /api/v1/entities": { rule: "read" },
  "POST /api/v1/entities": { rule: "write", body: { ...owned, metadata: { name: "created-by-probe" } } },
  "GET /api/v1/entities/by-uid/{uid}": { rule: "read", path: `/api/v1/entities/by-uid/${UID}` },
  "GET /api/v1/entities/{kind}/{namespace}/{name}": { rule: "read", path: `/api/v1/entities/${OWNED}` },
  "PUT /api/v1/entities/{kind}/{namespace}/{name}": { rule: "write", path: `/api/v1/entities/${OWNED}`, body: owned, headers: STALE },
  "DELETE /api/v1/entities/{kind}/{namespace}/{name}": { rule: "write", path: `/api/v1/entities/${OWNED}`, headers: STALE },
  "GET /api/v1/entities/{kind}/{namespace}/{name}/history": { rule: "read", path: `/api/v1/entities/${OWNED}/history` },
  "GET /api/v1/entities/{kind}/{namespace}/{name}/history/{versionId}": { rule: "read", path: `/api/v1/entities/${OWNED}/history/1` },
  "GET /api/v1/entities/{kind}/{namespace}/{name}/relations": { rule: "read", path: `/api/v1/entities/${OWNED}/relations` },
  "GET /api/v1/entities/{kind}/{namespace}/{name}/graph": { rule: "read", path: `/api/v1/entities/${OWNED}/graph` },
  "GET /api/v1/entities/{kind}/{namespace}/{name}/architecture": { rule: "read", path: "/api/v1/entities/system/default/no-such-system/architecture" },
  "POST /api/v1/validate": { rule: "read", body: [owned] },
  // The first allowed caller registers it; later ones reach the catalog's 409 (authorization passed).
  "POST /api/v1/register": { rule: "write", body: [{ ...owned, metadata: { name: "registered-by-probe" } }] },
  // An open stream never ends; a parameter it refuses (after authorization) makes the probe answer.
  "GET /api/v1/events": { rule: "read", path: "/api/v1/events?probe=1" },
  "GET /api/v1/entity-facets": { rule: "read", path: "/api/v1/entity-facets?facet=kind" },
  "POST /api/v1/ingest": { rule: "write", path: "/api/v1/ingest?source=probe&dryRun=true", body: [{ ...owned, metadata: { name: "ingest-probe" } }] },

  "GET /api/catalog/entities": { rule: "read" },
  "GET /api/catalog/entities/by-query": { rule: "read" },
  "POST /api/catalog/entities/by-query": { rule: "read", body: {} },
  "POST /api/catalog/entities/by-refs": { rule: "read", body: { entityRefs: ["component:default/owned-svc"] } },
  "GET /api/catalog/entity-facets": { rule: "read", path: "/api/catalog/entity-facets?facet=kind" },
  "POST /api/catalog/entity-facets": { rule: "read", body: { facets: ["kind"] } },
  "GET /api/catalog/entities/by-uid/:uid": { rule: "read", path: `/api/catalog/entities/by-uid/${UID}` },
  // Deleting by uid has no precondition; the fixture is put back before each call.
  "DELETE /api/catalog/entities/by-uid/:uid": { rule: "write", path: `/api/catalog/entities/by-uid/${UID}` },
  "GET /api/catalog/entities/by-name/:kind/:namespace/:name": { rule: "read", path: `/api/catalog/entities/by-name/${OWNED}` },
  "GET /api/catalog/entities/by-name/:kind/:namespace/:name/ancestry": { rule: "read", path: `/api/catalog/entities/by-name/${OWNED}/ancestry` },
  "POST /api/catalog/validate-entity": { rule: "read", body: { entity: owned, location: "url:https://example.com/catalog-info.yaml" } },
  "POST /api/catalog/refresh": { rule: "read", body: { entityRef: "component:default/owned-svc" } },
  "GET /api/catalog/locations": { rule: "read" },
  "POST /api/catalog/locations/by-query": { rule: "read", body: {} },

  // Accounts and administration: probes that pass authorization stop at 404/422, changing nothing.
  "POST /api/v1/auth/sign-in": { rule: "public", body: {} },
  "GET /api/v1/auth/me": { rule: "public" },
  "GET /api/v1/admin/users": { rule: "admin" },
  "POST /api/v1/admin/users": { rule: "admin", body: {} },
  "GET /api/v1/admin/users/{id}": { rule: "admin", path: `/api/v1/admin/users/${NO_ACCOUNT}` },
  "PATCH /api/v1/admin/users/{id}": { rule: "admin", path: `/api/v1/admin/users/${NO_ACCOUNT}`, body: { role: "viewer" } },
  "POST /api/v1/admin/users/{id}/password": { rule: "admin", path: `/api/v1/admin/users/${NO_ACCOUNT}/password`, body: { password: "plum tractor sideways 42" } },
  "GET /api/v1/admin/users/{id}/sessions": { rule: "admin", path: `/api/v1/admin/users/${NO_ACCOUNT}/sessions` },
  "DELETE /api/v1/admin/users/{id}/sessions": { rule: "admin", path: `/api/v1/admin/users/${NO_ACCOUNT}/sessions` },
  "DELETE /api/v1/admin/sessions/{sessionId}": { rule: "admin", path: "/api/v1/admin/sessions/no-such-session" },
  "POST /api/v1/admin/tokens": { rule: "admin", body: {} },
  "GET /api/v1/admin/tokens": { rule: "admin" },
  "DELETE /api/v1/admin/tokens/{id}": { rule: "admin", path: `/api/v1/admin/tokens/${NO_ACCOUNT}` },
  "GET /api/v1/admin/audit": { rule: "admin" },
  // Signing out ends the caller's session; the cell then gives the caller a new one.
  "POST /api/v1/auth/sign-out": { rule: "session" },
  "POST /api/v1/auth/sign-out-everywhere": { rule: "session" },
};

const documented = (() => {
  const doc = JSON.parse(readFileSync(new URL("../../../../../docs/openapi.json", import.meta.url), "utf8")) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
})();

const backstageRouted = (() => {
  const router = backstageCatalogRoutes({ db: {} as never, extraKinds: [], anonymousRead: false, identify: [] });
  const layers = (router as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }).stack;
  return layers.flatMap((l) => (l.route ? Object.keys(l.route.methods).filter((m) => m !== "_all").map((m) => `${m.toUpperCase()} /api/catalog${l.route!.path}`) : []));
})();

/**
 * Every `METHOD /path` the real app serves, found by walking its router stack (Express 5, router
 * 2.x). A layer with `route` is an endpoint: its `route.path` and `route.methods` (`_all`, from
 * `.all()`, is kept as `ALL` so it cannot slip through). A layer whose `handle` has a `stack` is a
 * nested Router: its mount path is `layer.rawPath`, the path exactly as given to `use()` (router
 * ≥ 2.2 keeps it; `use(fn)` without a path records "/"). Reading the mount path from the layer
 * itself, rather than restating how app.ts mounts its routers, means a router mounted anywhere
 * new is still found; a mount path that is not a plain string (a RegExp, or an older router
 * without rawPath) fails the walk loudly instead of being skipped.
 */
function servedRoutes(app: TestApp["app"]): string[] {
  interface Layer {
    rawPath?: unknown;
    route?: { path: string | string[]; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const join = (prefix: string, path: string) => `${prefix.replace(/\/+$/, "")}${path === "/" ? "" : path}` || "/";
  const walk = (stack: Layer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).map((m) => (m === "_all" ? "ALL" : m.toUpperCase()));
        return [layer.route.path].flat().flatMap((path) => methods.map((m) => `${m} ${join(prefix, path)}`));
      }
      if (!Array.isArray(layer.handle?.stack)) return []; // plain middleware
      const mounts = [layer.rawPath].flat();
      if (!mounts.every((m): m is string => typeof m === "string")) throw new Error(`a router mounted at ${String(layer.rawPath)}: teach servedRoutes its path`);
      return mounts.flatMap((mount) => walk(layer.handle!.stack!, join(prefix, mount)));
    });
  return [...new Set(walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "/"))];
}

/** `:param` (Express) and `{param}` (OpenAPI) are the same segment, whatever it is called. */
const routeShape = (route: string) => route.replace(/\{[^}/]+\}|:[^/]+/g, "{}");

let t: TestApp;

async function accountOf(sessionSecret: string): Promise<{ email: string; role: Role }> {
  const session = await t.db.prisma.session.findUniqueOrThrow({ where: { id: sha256Hex(sessionSecret) }, include: { account: true } });
  return { email: session.account.email, role: session.account.role as Role };
}
const secrets = {} as Record<Caller, string | null>;
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

async function restoreFixture(): Promise<string> {
  const res = await request(t.app).post("/api/v1/ingest?source=matrix-fixture").set(admin).send([owned]);
  expect(res.status).toBe(200);
  return (await request(t.app).get(`/api/v1/entities/${OWNED}`).set(admin)).body.metadata.uid;
}

beforeAll(async () => {
  t = await startTestApp({ anonymousRead: false });
  const org = [
    { kind: "Group", metadata: { name: "team-a" }, spec: { type: "team", children: [] } },
    { kind: "Group", metadata: { name: "team-b" }, spec: { type: "team", children: [] } },
    { kind: "User", metadata: { name: "owner" }, spec: { memberOf: ["team-a"], profile: { email: "owner@example.com" } } },
    { kind: "User", metadata: { name: "other" }, spec: { memberOf: ["team-b"], profile: { email: "other@example.com" } } },
  ].map((e) => ({ apiVersion: "backstage.io/v1alpha1", ...e }));
  expect((await request(t.app).post("/api/v1/ingest?source=matrix-org").set(admin).send(org)).status).toBe(200);
  secrets.anonymous = null;
  secrets.viewer = await sessionFor(t, { email: "viewer@example.com", role: "viewer" });
  secrets.editorOwner = await sessionFor(t, { email: "owner@example.com", role: "editor" });
  secrets.editorOther = await sessionFor(t, { email: "other@example.com", role: "editor" });
  secrets.admin = await sessionFor(t, { email: "admin@example.com", role: "admin" });
  secrets.tokenRead = await apiTokenFor(t, { scopes: ["catalog:read"] });
  secrets.tokenWrite = await apiTokenFor(t, { scopes: ["catalog:write"] });
  secrets.tokenAdmin = await apiTokenFor(t, { scopes: ["admin"] });
  secrets.tokenExpired = await apiTokenFor(t, { scopes: ["admin"], expired: true });
  secrets.tokenRevoked = await apiTokenFor(t, { scopes: ["admin"], revoked: true });
});
afterAll(async () => {
  await t.close();
});

describe("the authorization matrix", () => {
  it("covers every route the API serves", () => {
    const missing = [...documented, ...backstageRouted].filter((route) => !(route in MATRIX));
    expect(missing, "add these routes to MATRIX with their rule").toEqual([]);
    expect(backstageRouted.length).toBeGreaterThan(10);
  });

  it("covers every route the running app actually serves, found by walking its router stack", () => {
    const served = servedRoutes(t.app);
    const inMatrix = new Set(Object.keys(MATRIX).map(routeShape));
    const missing = served.filter((route) => !inMatrix.has(routeShape(route)));
    expect(missing, "add these routes to MATRIX with their rule").toEqual([]);
    // The walk reaches every mount: the root's, /api/v1 and its nested /auth and /admin, /api/catalog.
    for (const route of ["GET /healthz", "GET /api/v1/entities", "POST /api/v1/auth/sign-in", "GET /api/v1/admin/audit", "GET /api/catalog/entities/by-uid/:uid"]) {
      expect(served).toContain(route);
    }
  });

  const cells = Object.entries(MATRIX).flatMap(([route, probe]) => CALLERS.map((caller) => [route, caller, probe] as const));
  it.each(cells)("%s as %s", async (route, caller, probe) => {
    const [method, template] = route.split(" ") as [string, string];
    const uid = probe.path?.includes(UID) ? await restoreFixture() : null;
    if (!uid) await restoreFixture();
    const path = (probe.path ?? template).replace(UID, uid ?? "");
    const secret = secrets[caller];
    let call = request(t.app)[method.toLowerCase() as "get" | "post" | "put" | "delete" | "patch"](path);
    if (secret) call = call.set("Authorization", `Bearer ${secret}`);
    for (const [name, value] of Object.entries(probe.headers ?? {})) call = call.set(name, value);
    const res = probe.body === undefined ? await call : await call.send(probe.body as object);
    if (probe.rule === "session" && secret && res.status === 204) secrets[caller] = await sessionFor(t, await accountOf(secret));
    const want = expected[probe.rule][caller];
    if (want === "allowed") {
      expect([401, 403], `${route} as ${caller}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status, `${route} as ${caller}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(want);
    }
  });
});
