import { readFile } from "node:fs/promises";
import { demoCatalogFiles } from "@cartograph/db";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
type Served = { kind: string; metadata: { name: string }; spec: Record<string, unknown>; relations: { type: string; targetRef: string }[]; status?: { items: { message: string }[] } };
let all: Served[];

beforeAll(async () => {
  t = await startTestApp();
  for (const file of demoCatalogFiles()) {
    const res = await request(t.app)
      .post("/api/v1/ingest")
      .query({ source: file.source })
      .set("Authorization", `Bearer ${ADMIN_TOKEN}`)
      .set("Content-Type", "application/yaml")
      .send(await readFile(file.path, "utf8"));
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
  }
  all = (await request(t.app).get("/api/v1/entities?limit=500")).body.items;
});
afterAll(async () => {
  await t.close();
});

const byName = (name: string) => all.find((e) => e.metadata.name === name)!;
const count = (kind: string) => all.filter((e) => e.kind === kind).length;
const targets = (e: Served, type: string) => e.relations.filter((r) => r.type === type).map((r) => r.targetRef);

describe("the demo catalog", () => {
  it("is a realistic company over every kind", () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(count("Domain")).toBeGreaterThanOrEqual(3);
    expect(count("System")).toBeGreaterThanOrEqual(8);
    expect(all.filter((e) => e.kind === "Group" && e.spec.type === "team").length).toBeGreaterThanOrEqual(6);
    expect(count("User")).toBeGreaterThanOrEqual(20);
    for (const kind of ["Component", "API", "Resource", "Location", "Template"]) expect(count(kind)).toBeGreaterThan(0);
    const componentTypes = new Set(all.filter((e) => e.kind === "Component").map((e) => e.spec.type));
    for (const type of ["service", "website", "library", "worker"]) expect(componentTypes).toContain(type);
    const apiTypes = new Set(all.filter((e) => e.kind === "API").map((e) => e.spec.type));
    for (const type of ["openapi", "asyncapi", "grpc"]) expect(apiTypes).toContain(type);
    const resourceTags = new Set(all.filter((e) => e.kind === "Resource").flatMap((e) => (e as unknown as { metadata: { tags: string[] } }).metadata.tags));
    for (const tag of ["postgresql", "kafka", "redis", "s3"]) expect(resourceTags).toContain(tag);
    expect(targets(byName("team-web"), "childOf")).toEqual(["group:default/commerce-eng"]);
    expect(targets(byName("commerce-eng"), "childOf")).toEqual(["group:default/engineering"]);
  });

  it("has a dependency cycle", () => {
    expect(targets(byName("shipping-service"), "dependsOn")).toContain("component:default/carrier-gateway");
    expect(targets(byName("carrier-gateway"), "dependsOn")).toContain("component:default/tracking-service");
    expect(targets(byName("tracking-service"), "dependsOn")).toContain("component:default/shipping-service");
  });

  it("has a deprecated API that is still consumed", () => {
    const api = byName("orders-v1-api");
    expect(api.spec.lifecycle).toBe("deprecated");
    expect(targets(api, "apiConsumedBy").length).toBeGreaterThanOrEqual(2);
  });

  it("has an entity whose owner does not exist", () => {
    const orphan = byName("legacy-reporting");
    expect(targets(orphan, "ownedBy")).toEqual(["group:default/team-bi"]);
    expect(orphan.status?.items.map((i) => i.message).join()).toMatch(/group:default\/team-bi: no such entity/);
  });

  it("has one database most of a domain depends on", () => {
    const commerceSystems = new Set(["system:default/storefront", "system:default/checkout", "system:default/product-catalog"]);
    const commerce = all.filter((e) => e.kind === "Component" && targets(e, "partOf").some((s) => commerceSystems.has(s)));
    const dependents = new Set(targets(byName("commerce-db"), "dependencyOf"));
    const share = commerce.filter((e) => dependents.has(`component:default/${e.metadata.name}`)).length / commerce.length;
    expect(share).toBeGreaterThan(0.5);
  });
});
