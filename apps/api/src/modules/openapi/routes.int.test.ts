import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test-support.ts";

const committed = JSON.parse(readFileSync(new URL("../../../../../docs/openapi.json", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, unknown>>;
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the committed document", async () => {
    const res = await request(t.app).get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.body).toEqual(committed);
  });
});

/** Values for path parameters that name nothing, so every probe reads or is refused. */
const SAMPLE: Record<string, string> = { kind: "component", namespace: "default", name: "openapi-probe", versionId: "00000000-0000-0000-0000-000000000000" };

const STREAMS = new Set(["/api/v1/events"]);

describe("the documented operations", () => {
  const operations = Object.entries(committed.paths).flatMap(([path, item]) => Object.keys(item).map((method) => [method, path] as const));

  // Without a token writes stop at 401, so probing changes nothing.
  it.each(operations)("%s %s is a route the API serves", async (method, path) => {
    // An event stream never ends; a parameter it refuses makes it answer (a refusal by the route itself).
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? name) + (STREAMS.has(path) ? "?probe=1" : "");
    const res = await request(t.app)[method as "get" | "post" | "put" | "delete"](url);
    expect(res.body.code).not.toBe("route_not_found");
    expect(res.status).toBeLessThan(500);
  });
});
