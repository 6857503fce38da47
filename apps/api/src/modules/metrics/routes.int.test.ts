import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, eventStreamsOf } from "../../app.ts";
import { ADMIN_TOKEN, component, startTestApp, type TestApp } from "../../test-support.ts";

let t: TestApp;
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

// The feed polls once a minute here, so a change made after it started stays undelivered: lag.
beforeAll(async () => {
  t = await startTestApp({ eventStreams: { feed: { intervalMs: 60_000 } } });
});
afterAll(async () => {
  await t.close();
});

/** The samples of one metric as `{labels} value` lines, e.g. `{method="GET",route="/x",status="200",tier="api"} 3`. */
function samples(text: string, name: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => line.slice(name.length));
}

function value(text: string, name: string, ...labels: string[]): number {
  const line = samples(text, name).find((s) => labels.every((l) => s.includes(l)));
  if (line === undefined) throw new Error(`no sample of ${name} with ${labels.join(", ")} in:\n${samples(text, name).join("\n")}`);
  return Number(line.slice(line.lastIndexOf(" ") + 1));
}

async function scrape(app = t.app, headers: Record<string, string> = {}): Promise<string> {
  const res = await request(app).get("/metrics").set(headers);
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

describe("GET /metrics", () => {
  it("counts and times requests under the route pattern, never the raw path", async () => {
    expect((await request(t.app).get("/api/v1/entities/component/default/metrics-probe-one")).status).toBe(404);
    expect((await request(t.app).get("/api/v1/entities/component/default/metrics-probe-two")).status).toBe(404);
    expect((await request(t.app).get("/api/v1/entities")).status).toBe(200);
    expect((await request(t.app).get("/no/such/metrics-probe-path")).status).toBe(404);

    const text = await scrape();
    const entity = 'route="/api/v1/entities/:kind/:namespace/:name"';
    expect(value(text, "cartograph_http_requests_total", 'method="GET"', entity, 'status="404"')).toBe(2);
    expect(value(text, "cartograph_http_requests_total", 'route="/api/v1/entities"', 'status="200"')).toBe(1);
    expect(value(text, "cartograph_http_request_duration_seconds_count", 'method="GET"', entity)).toBe(2);
    expect(value(text, "cartograph_http_request_duration_seconds_bucket", entity, 'le="+Inf"')).toBe(2);
    expect(value(text, "cartograph_http_requests_total", 'route="unmatched"', 'status="404"')).toBe(1);
    expect(text).not.toContain("metrics-probe");
    expect(text).toMatch(/^# HELP cartograph_http_server_errors_total /m);
  });

  it("shows the database pool and the process", async () => {
    await request(t.app).get("/api/v1/entities");
    const text = await scrape();
    expect(value(text, "cartograph_db_pool_connections")).toBeGreaterThanOrEqual(1);
    expect(value(text, "cartograph_db_pool_connections")).toBeLessThanOrEqual(4); // poolMax of the test app
    expect(value(text, "cartograph_db_pool_idle_connections")).toBeGreaterThanOrEqual(0);
    expect(value(text, "cartograph_db_pool_waiting_clients")).toBe(0);
    for (const name of ["process_resident_memory_bytes", "process_cpu_seconds_total", "nodejs_eventloop_lag_seconds"]) {
      expect(samples(text, name).length, name).toBeGreaterThan(0);
    }
  });

  it("reports how far the change feed is behind the change log", async () => {
    const before = await scrape();
    expect(value(before, "cartograph_change_feed_listeners")).toBe(0);
    expect(value(before, "cartograph_change_feed_lag_events")).toBe(0);

    const feed = eventStreamsOf(t.app).feed;
    const unsubscribe = await feed.subscribe(() => {});
    try {
      for (const name of ["lag-one", "lag-two"]) {
        expect((await request(t.app).post("/api/v1/entities").set(admin).send(component(name))).status).toBe(201);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const behind = await scrape();
      expect(value(behind, "cartograph_change_feed_listeners")).toBe(1);
      expect(value(behind, "cartograph_change_feed_lag_events")).toBe(2);
      expect(value(behind, "cartograph_change_feed_lag_seconds")).toBeGreaterThanOrEqual(1);
    } finally {
      unsubscribe();
    }
  });
});

describe("GET /metrics with METRICS_TOKEN", () => {
  const token = "metrics-token-0123456789abcdef";
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    app = createApp({ config: { METRICS_TOKEN: token }, db: t.db, logger: pino({ level: "silent" }), migrationFiles: [] });
  });

  it.each([
    ["no Authorization header", {}],
    ["another token", { Authorization: "Bearer metrics-token-0123456789abcdeX" }],
    ["the token without Bearer", { Authorization: token }],
    ["the admin token", admin],
  ])("refuses %s with 401", async (_case, headers) => {
    const res = await request(app).get("/metrics").set(headers);
    expect(res.status).toBe(401);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(res.body.code).toBe("metrics_token_required");
    expect(res.text).not.toContain("cartograph_http");
  });

  it("answers the token", async () => {
    expect(await scrape(app, { Authorization: `Bearer ${token}` })).toContain("cartograph_http_requests_total");
  });

  it("leaves the probes open", async () => {
    expect((await request(app).get("/livez")).status).toBe(200);
    expect((await request(app).get("/healthz")).status).toBe(200);
  });
});
