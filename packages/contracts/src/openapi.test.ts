import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROBLEM_CONTENT_TYPE } from "./problem.ts";
import { buildOpenApiDocument, renderOpenApiJson } from "./openapi.ts";

const COMMITTED = new URL("../../../docs/openapi.json", import.meta.url);
const OUT_OF_DATE = "docs/openapi.json is out of date: run `npm run openapi` and commit it";
const PROBLEM_REF = "#/components/schemas/Problem";

/** Every route the API serves; a route added to the API belongs here and in openapi-operations.ts. */
const OPERATIONS = [
  ["post", "/api/v1/entities"],
  ["get", "/api/v1/entities"],
  ["post", "/api/v1/ingest"],
  ["post", "/api/v1/validate"],
  ["post", "/api/v1/register"],
  ["get", "/api/v1/events"],
  ["get", "/api/v1/entity-facets"],
  ["get", "/api/v1/entities/{kind}/{namespace}/{name}"],
  ["get", "/api/v1/entities/by-uid/{uid}"],
  ["get", "/api/v1/entities/{kind}/{namespace}/{name}/relations"],
  ["get", "/api/v1/entities/{kind}/{namespace}/{name}/graph"],
  ["get", "/api/v1/entities/{kind}/{namespace}/{name}/architecture"],
  ["put", "/api/v1/entities/{kind}/{namespace}/{name}"],
  ["delete", "/api/v1/entities/{kind}/{namespace}/{name}"],
  ["get", "/api/v1/entities/{kind}/{namespace}/{name}/history"],
  ["get", "/api/v1/entities/{kind}/{namespace}/{name}/history/{versionId}"],
  ["get", "/healthz"],
  ["get", "/readyz"],
  ["get", "/livez"],
  ["get", "/metrics"],
  ["get", "/api/v1/openapi.json"],
  ["post", "/api/v1/auth/sign-in"],
  ["post", "/api/v1/auth/sign-out"],
  ["post", "/api/v1/auth/sign-out-everywhere"],
  ["get", "/api/v1/auth/me"],
  ["get", "/api/v1/admin/users"],
  ["post", "/api/v1/admin/users"],
  ["get", "/api/v1/admin/users/{id}"],
  ["patch", "/api/v1/admin/users/{id}"],
  ["post", "/api/v1/admin/users/{id}/password"],
  ["get", "/api/v1/admin/users/{id}/sessions"],
  ["delete", "/api/v1/admin/users/{id}/sessions"],
  ["delete", "/api/v1/admin/sessions/{sessionId}"],
  ["post", "/api/v1/admin/tokens"],
  ["get", "/api/v1/admin/tokens"],
  ["delete", "/api/v1/admin/tokens/{id}"],
  ["get", "/api/v1/admin/audit"],
] as const;

/** Operations that take no input, so no request of theirs can be the client's fault. */
const NO_CLIENT_ERRORS = new Set(["get /healthz", "get /readyz", "get /livez", "get /api/v1/openapi.json"]);
const WRITES = new Set(["post", "put", "patch", "delete"]);
/** Secured although not writes (administration), or writes open to anyone (signing in). */
const SECURED_READS = (path: string) => path.startsWith("/api/v1/admin/");
const OPEN_WRITES = new Set(["post /api/v1/auth/sign-in"]);

type Json = Record<string, unknown>;
type Operation = { operationId?: string; responses: Record<string, Json>; security?: Json[] };

const document = buildOpenApiDocument();
const operation = (method: string, path: string) => (document.paths?.[path] as Record<string, Operation> | undefined)?.[method];

/** The schema a response serves as problem details, if it serves them. */
const problemSchema = (response: Json) => ((response.content as Record<string, { schema?: Json }> | undefined)?.[PROBLEM_CONTENT_TYPE])?.schema;
const isProblem = (schema: Json | undefined) =>
  schema?.$ref === PROBLEM_REF || (Array.isArray(schema?.allOf) && schema.allOf.some((part: Json) => part.$ref === PROBLEM_REF));

function firstDifference(a: string, b: string): string {
  const left = a.split("\n");
  const right = b.split("\n");
  const line = left.findIndex((text, i) => text !== right[i]);
  const at = line === -1 ? left.length : line;
  return `first difference at line ${at + 1}:\n  committed: ${left[at] ?? "(end of file)"}\n  generated: ${right[at] ?? "(end of file)"}`;
}

describe("docs/openapi.json", () => {
  it("is what the contracts generate", () => {
    let committed: string;
    try {
      committed = readFileSync(COMMITTED, "utf8").replace(/\r\n/g, "\n");
    } catch {
      expect.fail(`${OUT_OF_DATE} (the file is missing)`);
    }
    const generated = renderOpenApiJson();
    if (committed !== generated) expect.fail(`${OUT_OF_DATE}\n${firstDifference(committed, generated)}`);
  });
});

describe("buildOpenApiDocument", () => {
  it("is OpenAPI 3.1 and the same on every build", () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(renderOpenApiJson()).toBe(renderOpenApiJson());
  });

  it("describes every route the API serves, and only those", () => {
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(OPERATIONS.map(([method, path]) => `${method} ${path}`).sort());
  });

  it.each(OPERATIONS)("%s %s has an operationId, problem+json errors and the right security", (method, path) => {
    const op = operation(method, path);
    expect(op?.operationId).toMatch(/^[a-z][A-Za-z]+$/);
    const errors = Object.entries(op!.responses).filter(([status]) => status === "default" || Number(status) >= 400);
    expect(errors.length).toBeGreaterThan(0);
    for (const [status, response] of errors) expect(isProblem(problemSchema(response)), `${status} serves a Problem`).toBe(true);
    if (!NO_CLIENT_ERRORS.has(`${method} ${path}`)) {
      expect(errors.some(([status]) => /^4\d\d$/.test(status)), "has a 4xx response").toBe(true);
    }
    const secured = (WRITES.has(method) && !OPEN_WRITES.has(`${method} ${path}`)) || SECURED_READS(path);
    expect(op!.security ?? []).toEqual(secured ? [{ bearerAuth: [] }] : []);
  });

  it("has unique operationIds", () => {
    const ids = OPERATIONS.map(([method, path]) => operation(method, path)?.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has a target for every $ref", () => {
    const refs = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) key === "$ref" ? refs.add(String(inner)) : walk(inner);
      }
    };
    walk(document);
    const missing = [...refs].filter((ref) => {
      const target = ref.replace(/^#\//, "").split("/").reduce<unknown>((node, part) => (node as Json | undefined)?.[part], document);
      return target === undefined;
    });
    expect(missing).toEqual([]);
  });
});
