// A catalog larger than one chunk of the query engine: lists are read in bounded chunks and
// still come out whole, in order, without repeats, whichever way they are paged.
import { once } from "node:events";
import type { AddressInfo, Server } from "node:net";
import { CatalogClient } from "@backstage/catalog-client";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, component, startTestApp, type TestApp } from "../../test-support.ts";
import { CHUNK } from "./pages.ts";

const SIZE = 2 * CHUNK + 203;
const name = (i: number) => `svc-${String(i).padStart(4, "0")}`;
/** Every third entity has a title; the others sort after them whichever the direction. */
const titled = (i: number) => i % 3 === 0;

let t: TestApp;
let server: Server;
let client: CatalogClient;

beforeAll(async () => {
  t = await startTestApp();
  const fixture = Array.from({ length: SIZE }, (_, i) => {
    const c = component(name(i));
    if (titled(i)) c.metadata.title = `Title ${String(SIZE - i).padStart(4, "0")}`;
    return c;
  });
  const res = await request(t.app).post("/api/v1/ingest?source=paging").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send(fixture);
  expect(res.status).toBe(200);
  server = t.app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/catalog`;
  client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => baseUrl } });
}, 60_000);
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await t?.close();
});

const ALL = Array.from({ length: SIZE }, (_, i) => name(i));
const names = (items: { metadata: { name: string } }[]) => items.map((e) => e.metadata.name);

describe("lists larger than a chunk", () => {
  it("streams the whole catalog as one chunked JSON array", async () => {
    const res = await request(t.app).get("/api/catalog/entities?fields=metadata.name");
    expect(res.status).toBe(200);
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    expect(names(res.body)).toEqual(ALL);
  });

  it("returns every match of by-query without a limit, with the total", async () => {
    const res = await request(t.app).get("/api/catalog/entities/by-query?fields=metadata.name");
    expect(names(res.body.items)).toEqual(ALL);
    expect(res.body.totalItems).toBe(SIZE);
    expect(res.body.pageInfo).toEqual({});
  });

  it("pages the legacy list by link across chunk boundaries", async () => {
    const seen: string[] = [];
    let path: string | undefined = `/entities?limit=${CHUNK + 100}&fields=metadata.name`;
    while (path) {
      const res = await request(t.app).get(`/api/catalog${path}`);
      seen.push(...names(res.body));
      path = /^<([^>]+)>; rel="next"$/.exec(res.headers.link ?? "")?.[1];
    }
    expect(seen).toEqual(ALL);
  });

  it("streams through the client in pages of 500", async () => {
    const pages: string[][] = [];
    for await (const page of client.streamEntities({ fields: ["metadata.name"] })) pages.push(names(page as never));
    expect(pages.map((p) => p.length)).toEqual([500, 500, SIZE - 1000]);
    expect(pages.flat()).toEqual(ALL);
  });

  it.each(["asc", "desc"] as const)("pages by a field some entities lack (%s), without gaps or repeats", async (order) => {
    const seen: string[] = [];
    let page = await client.queryEntities({ orderFields: { field: "metadata.title", order }, limit: 97, fields: ["metadata.name"] });
    seen.push(...names(page.items as never));
    while (page.pageInfo.nextCursor) {
      page = await client.queryEntities({ cursor: page.pageInfo.nextCursor, fields: ["metadata.name"] });
      seen.push(...names(page.items as never));
    }
    const withTitle = ALL.filter((_, i) => titled(i)).reverse(); // titles count down as names count up
    const without = ALL.filter((_, i) => !titled(i));
    const expected = order === "asc" ? [...withTitle, ...without] : [...[...withTitle].reverse(), ...[...without].reverse()];
    expect(seen).toEqual(expected);
  });

  it("answers thousands of refs in one request, aligned with the input", async () => {
    const refs = [...ALL.map((n) => `component:default/${n}`), ...ALL.map((n) => `component:default/${n}-missing`), "component:default/svc-0001"];
    const res = await request(t.app).post("/api/catalog/entities/by-refs").send({ entityRefs: refs, fields: ["metadata.name"] });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(refs.length);
    expect(res.body.items.slice(0, SIZE).map((e: { metadata: { name: string } }) => e.metadata.name)).toEqual(ALL);
    expect(res.body.items.slice(SIZE, 2 * SIZE).every((e: unknown) => e === null)).toBe(true);
    expect(res.body.items.at(-1)).toEqual({ metadata: { name: "svc-0001" } });
  });
});

describe("remembered pages", () => {
  it("a full-text page (remembered until the next change) follows a write at once", async () => {
    const query = { fullTextFilterTerm: "zebrafish", fullTextFilterFields: "metadata.name,metadata.description", limit: "10" };
    const before = await request(t.app).get("/api/catalog/entities/by-query").query(query);
    expect(before.body.items).toEqual([]);
    expect((await request(t.app).get("/api/catalog/entities/by-query").query(query)).body.items).toEqual([]); // from memory

    const fish = component("zebrafish-feeder");
    const res = await request(t.app).post("/api/v1/ingest?source=remembered").set("Authorization", `Bearer ${ADMIN_TOKEN}`).send([fish]);
    expect(res.status).toBe(200);
    const after = await request(t.app).get("/api/catalog/entities/by-query").query(query);
    expect(names(after.body.items)).toEqual(["zebrafish-feeder"]);
    expect(after.body.totalItems).toBe(1);
  });
});
