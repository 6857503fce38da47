import request from "supertest";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, useTestApp } from "../test-support.ts";

const t = useTestApp();

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const ingest = (key: string, body: unknown) =>
  request(t.app).post("/api/v1/ingest?source=idem").set(auth).set("Idempotency-Key", key).send(body as object);

describe("Idempotency-Key", () => {
  it("returns the first result to a retried ingest instead of running it again", async () => {
    const first = await ingest("key-1", [component("idem-a")]);
    expect(first.status).toBe(200);
    expect(first.body.diff.created).toEqual(["component:default/idem-a"]);
    const retry = await ingest("key-1", [component("idem-a")]);
    expect(retry.status).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toEqual(first.body);
    // Without the key the same payload runs, and finds nothing to change.
    const plain = await request(t.app).post("/api/v1/ingest?source=idem").set(auth).send([component("idem-a")]);
    expect(plain.body.diff.unchanged).toEqual(["component:default/idem-a"]);
  });

  it("replays a create as 201 with the same entity, not a 409", async () => {
    const send = () => request(t.app).post("/api/v1/entities").set(auth).set("Idempotency-Key", "create-1").send(component("idem-created"));
    const first = await send();
    const retry = await send();
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.metadata.uid).toBe(first.body.metadata.uid);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
  });

  it("replays a refusal too, so a retry learns the same answer", async () => {
    const bad = { ...component("idem-bad"), kind: "Nope" };
    const first = await ingest("key-bad", [bad]);
    const retry = await ingest("key-bad", [bad]);
    expect([first.status, retry.status]).toEqual([422, 422]);
    expect(retry.headers["content-type"]).toMatch(/problem\+json/);
    expect(retry.body.errors).toEqual(first.body.errors);
  });

  it("refuses the same key for a different request", async () => {
    await ingest("key-2", [component("idem-b")]);
    const res = await ingest("key-2", [component("idem-c")]);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("idempotency_key_reused");
  });

  it("runs concurrent requests with one key once", async () => {
    const responses = await Promise.all(Array.from({ length: 5 }, () => ingest("key-3", [component("idem-d")])));
    const ran = responses.filter((r) => r.status === 200 && !r.headers["idempotent-replayed"]);
    expect(ran).toHaveLength(1);
    for (const r of responses) expect([200, 409]).toContain(r.status);
    const versions = await t.db.prisma.entityVersion.count({ where: { ref: "component:default/idem-d" } });
    expect(versions).toBe(1);
  });

  it("rejects a malformed key", async () => {
    const res = await ingest("has spaces", [component("idem-e")]);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("Idempotency-Key");
  });
});
