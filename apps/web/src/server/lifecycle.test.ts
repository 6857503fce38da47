import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { NextHandler } from "./handler";
import { echoNext, get, startTestServer, type TestServer } from "./test-server";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close().catch(() => {});
  server = undefined;
});

/**
 * A stand-in for Next.js with the two kinds of request shutdown must handle: /slow answers when
 * the test says so, /events is a Server-Sent Events stream that never ends on its own.
 */
function holdingNext(): { next: NextHandler; release: () => void; slowStarted: Promise<void> } {
  let release = () => {};
  let started = () => {};
  const slowStarted = new Promise<void>((resolve) => (started = resolve));
  const next: NextHandler = async (req, res) => {
    if (req.url === "/events") {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": connected\n\n");
      return;
    }
    if (req.url === "/slow") {
      started();
      await new Promise<void>((resolve) => (release = resolve));
    }
    await echoNext(req, res);
  };
  return { next, release: () => release(), slowStarted };
}

/** An open /events stream: resolves once the first bytes arrived. */
function openStream(port: number): Promise<{ ended: Promise<void>; isOpen: () => boolean }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/events", agent: false }, (res) => {
        let open = true;
        const ended = new Promise<void>((done) => res.once("close", () => ((open = false), done())));
        res.once("data", () => resolve({ ended, isOpen: () => open }));
        res.on("error", () => {});
        res.resume();
      })
      .on("error", reject);
  });
}

const refused = (port: number) => get(port, "/livez").then(() => false, () => true);

describe("the web server's graceful shutdown", () => {
  it("fails /livez during the delay, then closes the listener, ends event streams and finishes the request in flight", async () => {
    const held = holdingNext();
    server = await startTestServer(held.next, { delayMs: 400, timeoutMs: 5_000 });
    const { port, lifecycle } = server;
    const stream = await openStream(port);
    const slow = get(port, "/slow");
    await held.slowStarted;

    const started = Date.now();
    let done = false;
    const shutdown = lifecycle.shutdown("SIGTERM").then(() => (done = true));

    const live = await get(port, "/livez");
    expect(live.status).toBe(503);
    expect(JSON.parse(live.body)).toEqual({ status: "shutting_down" });
    expect(live.headers.connection).toBe("close");
    const page = await get(port, "/");
    expect(page.status).toBe(200);
    expect(page.headers.connection).toBe("close");
    expect(stream.isOpen()).toBe(true);

    await stream.ended; // ended when the listener closes, after the delay
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(await refused(port)).toBe(true);
    expect(done).toBe(false); // the slow request still holds the server

    held.release();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe("close");
    await shutdown;
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down: /livez fails from now on", "closing the listener"]));
  });

  it("cuts requests still running after SHUTDOWN_TIMEOUT_MS", async () => {
    const held = holdingNext();
    server = await startTestServer(held.next, { delayMs: 0, timeoutMs: 300 });
    const slow = get(server.port, "/slow").then(() => "answered", () => "cut");
    await held.slowStarted;
    const started = Date.now();
    await server.lifecycle.shutdown("SIGTERM");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await slow).toBe("cut");
    expect(server.logs.some((l) => l.msg === "shutdown timeout reached; closing remaining connections")).toBe(true);
  });

  it("counts open event streams", async () => {
    server = await startTestServer(holdingNext().next);
    await openStream(server.port);
    await openStream(server.port);
    const metrics = await get(server.port, "/metrics");
    expect(metrics.body).toMatch(/^cartograph_web_event_streams_open\{tier="web"\} 2$/m);
  });
});
