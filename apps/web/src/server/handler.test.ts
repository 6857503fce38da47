import { afterEach, describe, expect, it } from "vitest";
import { echoNext, get, startTestServer, type TestServer } from "./test-server";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the web server's request handler", () => {
  it("hands Next.js the caller's request id when it is well-formed", async () => {
    server = await startTestServer(echoNext);
    const res = await get(server.port, "/", { "x-request-id": "lb-1234.abcd" });
    expect(res.body).toBe("request id: lb-1234.abcd");
  });

  it.each([["a space"], ["x".repeat(129)], ["<script>"]])("replaces a malformed request id (%j) with a UUID", async (incoming) => {
    server = await startTestServer(echoNext);
    const res = await get(server.port, "/", { "x-request-id": incoming });
    expect(res.body.replace("request id: ", "")).toMatch(UUID);
  });

  it("gives a request without an id a fresh UUID each time", async () => {
    server = await startTestServer(echoNext);
    const [a, b] = [await get(server.port, "/"), await get(server.port, "/")];
    expect(a.body.replace("request id: ", "")).toMatch(UUID);
    expect(a.body).not.toBe(b.body);
  });

  it("answers /livez itself, without Next.js", async () => {
    let calls = 0;
    server = await startTestServer(async (req, res) => {
      calls++;
      await echoNext(req, res);
    });
    const res = await get(server.port, "/livez");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(res.body)).toEqual({ status: "ok" });
    expect(calls).toBe(0);
  });

  it("writes one JSON log line per request with its id, route pattern, status and duration", async () => {
    server = await startTestServer(echoNext);
    await get(server.port, "/catalog/component/default/payments/history?page=2", { "x-request-id": "req-42" });
    await get(server.port, "/livez");
    expect(server.logs).toHaveLength(1);
    const line = server.logs[0]!;
    expect(line).toMatchObject({ level: 30, service: "cartograph-web", requestId: "req-42", method: "GET", route: "/catalog/[kind]/[namespace]/[name]/history", status: 200, msg: "request completed" });
    expect(typeof line.time).toBe("number");
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(line)).not.toContain("payments");
  });

  it("honours LOG_LEVEL: at warn only client and server errors are logged", async () => {
    server = await startTestServer(echoNext, { level: "warn" });
    await get(server.port, "/");
    await get(server.port, "/missing");
    expect(server.logs.map((l) => [l.level, l.status])).toEqual([[40, 404]]);
  });

  it("answers 500 and logs the error when Next.js throws", async () => {
    server = await startTestServer(async () => {
      throw new Error("boom");
    });
    const res = await get(server.port, "/register", { "x-request-id": "req-boom" });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toMatchObject({ code: "internal_error", requestId: "req-boom" });
    expect(server.logs.find((l) => l.msg === "request failed")).toMatchObject({ level: 50, requestId: "req-boom", route: "/register" });
  });
});

describe("GET /metrics on the web server", () => {
  it("counts and times requests under route patterns, never raw paths", async () => {
    server = await startTestServer(echoNext);
    await get(server.port, "/catalog/component/default/one");
    await get(server.port, "/catalog/component/default/two");
    await get(server.port, "/missing/secret-looking-path");
    const res = await get(server.port, "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = res.body.split("\n");
    const entity = 'route="/catalog/[kind]/[namespace]/[name]"';
    expect(lines.find((l) => l.startsWith("cartograph_http_requests_total{") && l.includes(entity) && l.includes('status="200"'))).toMatch(/ 2$/);
    expect(lines.find((l) => l.startsWith("cartograph_http_requests_total{") && l.includes('route="other"') && l.includes('status="404"'))).toMatch(/ 1$/);
    expect(lines.find((l) => l.startsWith("cartograph_http_request_duration_seconds_count{") && l.includes(entity))).toMatch(/tier="web".* 2$/);
    expect(res.body).not.toContain("secret-looking-path");
    expect(res.body).not.toContain("/one");
    for (const name of ["process_resident_memory_bytes", "nodejs_eventloop_lag_seconds", "cartograph_web_event_streams_open", "cartograph_http_server_errors_total"]) {
      expect(res.body, name).toContain(`# HELP ${name} `);
    }
  });

  it("with METRICS_TOKEN, refuses callers without it", async () => {
    server = await startTestServer(echoNext, { metricsToken: "metrics-token-0123456789" });
    const attempts: Record<string, string>[] = [{}, { authorization: "Bearer wrong-token-0123456789" }, { authorization: "metrics-token-0123456789" }];
    for (const headers of attempts) {
      const refused = await get(server.port, "/metrics", headers);
      expect(refused.status).toBe(401);
      expect(refused.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(refused.body).not.toContain("cartograph_http");
    }
    const allowed = await get(server.port, "/metrics", { authorization: "Bearer metrics-token-0123456789" });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain("cartograph_http_requests_total");
  });
});
