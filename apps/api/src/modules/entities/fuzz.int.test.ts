// Hostile input: random and mutated descriptors, YAML and query strings must never get a 5xx,
// and a refused write must never leave anything behind.
import fc from "fast-check";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const RUNS = { numRuns: 120 };
const key = fc.oneof(fc.constantFrom("apiVersion", "kind", "metadata", "spec", "name", "namespace", "owner", "type", "lifecycle", "dependsOn", "tags", "links", "annotations", "$text"), fc.string({ maxLength: 12 }));
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom("", "-", "component:", "/x", "a".repeat(300), "group:default/x", null));

/** A valid descriptor with one to three fields replaced, removed or added somewhere in it. */
const mutated = fc
  .tuple(fc.array(fc.tuple(fc.array(key, { minLength: 1, maxLength: 3 }), value, fc.boolean()), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 1000 }))
  .map(([edits, n]) => {
    const doc: Record<string, unknown> = structuredClone(component(`fuzz-${n}`));
    for (const [path, v, remove] of edits) {
      let node: Record<string, unknown> = doc;
      for (const p of path.slice(0, -1)) {
        if (typeof node[p] !== "object" || node[p] === null) node[p] = {};
        node = node[p] as Record<string, unknown>;
      }
      if (remove) delete node[path.at(-1)!];
      else node[path.at(-1)!] = v;
    }
    return doc;
  });

async function entityCount(): Promise<number> {
  return t.db.prisma.entity.count();
}

describe("hostile input never gets a 5xx", () => {
  it("random and mutated descriptors on POST /entities", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, fc.jsonValue({ maxDepth: 4 })), async (body) => {
        const res = await request(t.app).post("/api/v1/entities").set(auth).set("Content-Type", "application/json").send(JSON.stringify(body));
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers["content-type"]).toMatch(/problem\+json/);
      }),
      RUNS,
    );
  });

  it("ingests with one bad document write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutated, { minLength: 1, maxLength: 5 }), async (docs) => {
        const before = await entityCount();
        const res = await request(t.app).post("/api/v1/ingest?source=fuzz-all-or-nothing").set(auth).send([...docs, { kind: "Nope" }]);
        expect(res.status).toBe(422);
        expect(await entityCount()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });

  it("random YAML text", async () => {
    const yamlish = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.constantFrom("---\n", "a: b\n", "- x\n", "&a [1]\n", "*a\n", "{", "}", "kind: Component\n", "metadata:\n  name: x\n", "  - ", ": ", "\t", "? k\n", "!!binary x\n", "<<: *a\n"), { maxLength: 30 }).map((p) => p.join("")),
    );
    await fc.assert(
      fc.asyncProperty(yamlish, async (text) => {
        for (const path of ["/api/v1/entities", "/api/v1/ingest?source=fuzz-yaml"]) {
          const res = await request(t.app).post(path).set(auth).set("Content-Type", "application/yaml").send(text);
          expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        }
      }),
      RUNS,
    );
  });

  it("random query strings on the read endpoints", async () => {
    const param = fc.tuple(
      fc.oneof(fc.constantFrom("limit", "cursor", "q", "kind", "owner", "system", "tag", "label", "annotation", "relation", "filter", "sort", "fields", "count", "facet"), fc.string({ maxLength: 8 })),
      fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("-1", "0", "501", "1e9", "=", "a=b", "x:", "group:", "eyJ2YWx1ZSI6MX0", "'; DROP TABLE entities; --", "%", "_", "\\")),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 5 }), fc.constantFrom("/api/v1/entities", "/api/v1/entity-facets", "/api/v1/entities/component/default/x/history"), async (params, path) => {
        const qs = new URLSearchParams(params).toString();
        const res = await request(t.app).get(`${path}?${qs}`);
        expect(res.status, `${path}?${qs}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
