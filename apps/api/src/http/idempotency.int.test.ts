import { renewIdempotencyClaim } from "@cartograph/db";
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

describe("Idempotency-Key claims of a process that died", () => {
  const claimOf = (header: string) => t.db.prisma.idempotencyKey.findFirstOrThrow({ where: { key: { endsWith: `:${header}` } } });

  it("answers 409 with Retry-After while the claim's lease runs, then lets the retry take it over", async () => {
    const send = () => request(t.app).post("/api/v1/entities").set(auth).set("Idempotency-Key", "crashed-1").send(component("idem-crashed"));
    const first = await send();
    expect(first.status).toBe(201);
    const { key } = await claimOf("crashed-1");
    // Undo the create, and leave the claim as a replica killed mid-request would: claimed, never
    // answered, no longer renewed.
    const gone = await request(t.app).delete("/api/v1/entities/component/default/idem-crashed").set(auth).set("If-Match", String(first.headers.etag));
    expect(gone.status).toBe(204);
    await t.db.prisma.$executeRaw`UPDATE idempotency_keys SET status = NULL, body = NULL, headers = NULL, created_at = now() WHERE key = ${key}`;

    const waiting = await send();
    expect(waiting.status).toBe(409);
    expect(waiting.body.code).toBe("idempotency_key_in_progress");
    expect(Number(waiting.headers["retry-after"])).toBeGreaterThanOrEqual(14);
    expect(Number(waiting.headers["retry-after"])).toBeLessThanOrEqual(15);

    await t.db.prisma.$executeRaw`UPDATE idempotency_keys SET created_at = now() - interval '16 seconds' WHERE key = ${key}`;
    const takenOver = await send();
    expect(takenOver.status).toBe(201);
    expect(takenOver.headers["idempotent-replayed"]).toBeUndefined();
    expect(await t.db.prisma.entity.count({ where: { ref: "component:default/idem-crashed" } })).toBe(1);
  });

  it("keeps a running request's claim alive by renewing its lease", async () => {
    await t.db.prisma.idempotencyKey.create({ data: { key: "test:renewed", fingerprint: "f", createdAt: new Date(Date.now() - 14_000) } });
    await renewIdempotencyClaim(t.db, "test:renewed");
    const row = await t.db.prisma.idempotencyKey.findUniqueOrThrow({ where: { key: "test:renewed" } });
    expect(Date.now() - row.createdAt.getTime()).toBeLessThan(2_000);
    // An answered claim is left alone: its age counts toward the 24 h it is remembered.
    const answered = await t.db.prisma.idempotencyKey.create({ data: { key: "test:answered", fingerprint: "f", status: 201, createdAt: new Date(Date.now() - 60_000) } });
    await renewIdempotencyClaim(t.db, "test:answered");
    expect((await t.db.prisma.idempotencyKey.findUniqueOrThrow({ where: { key: "test:answered" } })).createdAt).toEqual(answered.createdAt);
  });
});
