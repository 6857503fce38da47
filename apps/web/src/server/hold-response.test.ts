import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./test-server";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Seen {
  /** ms from the request until the status line arrived; undefined when none did. */
  headersAfter?: number;
  status?: number;
  headers?: http.IncomingHttpHeaders;
  body: string;
  /** The connection failed: before any response ("empty response"), or in the middle of one. */
  error?: string;
}

function fetchRaw(port: number, path: string): Promise<Seen> {
  const started = performance.now();
  return new Promise((resolve) => {
    const seen: Seen = { body: "" };
    const req = http.get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      seen.headersAfter = performance.now() - started;
      seen.status = res.statusCode;
      seen.headers = res.headers;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (seen.body += chunk));
      res.on("end", () => resolve(seen));
      res.on("aborted", () => resolve({ ...seen, error: "aborted mid-response" }));
      res.on("error", () => resolve({ ...seen, error: "aborted mid-response" }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ ...seen, error: seen.status ? "aborted mid-response" : `no response: ${error.code}` }));
  });
}

/** A page that renders in three parts, 100 ms apart, the way Next.js streams. */
const streamingPage = async (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.write("<html>");
  await sleep(100);
  res.write("<body>part two");
  await sleep(100);
  res.end("</body></html>");
};

describe("holding a page back until it is complete", () => {
  it("sends status, headers and body together when the page completes within the window, with its length", async () => {
    server = await startTestServer(streamingPage, { hold: { windowMs: 2_000, maxBytes: 1_000_000 } });
    const seen = await fetchRaw(server.port, "/");
    expect(seen.status).toBe(200);
    expect(seen.headersAfter).toBeGreaterThanOrEqual(190);
    expect(seen.body).toBe("<html><body>part two</body></html>");
    expect(seen.headers?.["content-length"]).toBe(String(seen.body.length));
    expect(seen.headers?.["transfer-encoding"]).toBeUndefined();
  });

  it("sends nothing at all when the replica dies mid-render, so the load balancer can retry elsewhere", async () => {
    const dying = async (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html>half a page");
      await sleep(100);
      res.socket?.destroy(); // what kill -9 does to the connection
    };
    server = await startTestServer(dying, { hold: { windowMs: 2_000, maxBytes: 1_000_000 } });
    const held = await fetchRaw(server.port, "/");
    expect(held.status).toBeUndefined();
    expect(held.error).toMatch(/^no response/);
    await server.close();

    // Without holding, the browser gets a 200 and half a page: nothing can retry that.
    server = await startTestServer(dying);
    const streamed = await fetchRaw(server.port, "/");
    expect(streamed.status).toBe(200);
    expect(streamed.error).toBe("aborted mid-response");
  });

  it("streams a slow page once the window is over, without waiting for its end", async () => {
    const slow = async (_req: IncomingMessage, res: ServerResponse) => {
      res.setHeader("content-type", "text/html");
      res.write("<html>");
      await sleep(1_000);
      res.end("</html>");
    };
    server = await startTestServer(slow, { hold: { windowMs: 150, maxBytes: 1_000_000 } });
    const seen = await fetchRaw(server.port, "/");
    expect(seen.headersAfter).toBeGreaterThanOrEqual(140);
    expect(seen.headersAfter).toBeLessThan(700);
    expect(seen.body).toBe("<html></html>");
    expect(seen.headers?.["content-length"]).toBeUndefined();
  });

  it("sends a response on as it comes once it outgrows maxBytes", async () => {
    const big = async (_req: IncomingMessage, res: ServerResponse) => {
      res.write("x".repeat(2_000));
      await sleep(1_000);
      res.end("done");
    };
    server = await startTestServer(big, { hold: { windowMs: 5_000, maxBytes: 1_000 } });
    const seen = await fetchRaw(server.port, "/");
    expect(seen.headersAfter).toBeLessThan(700);
    expect(seen.body).toBe(`${"x".repeat(2_000)}done`);
  });

  it("never holds the live event stream", async () => {
    const events = async (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": connected\n\n");
      await sleep(1_000);
      res.end();
    };
    server = await startTestServer(events, { hold: { windowMs: 5_000, maxBytes: 1_000_000 } });
    const viaEvents = await fetchRaw(server.port, "/events");
    expect(viaEvents.headersAfter).toBeLessThan(700);
    // Even on another path, an event stream goes out at once.
    const viaOther = await fetchRaw(server.port, "/catalog/component/default/x");
    expect(viaOther.headersAfter).toBeLessThan(700);
  });

  it("keeps wrappers added on top of it (Next.js's compression) working after the release", async () => {
    const shouting = async (_req: IncomingMessage, res: ServerResponse) => {
      // Wraps write/end after the hold did, as the compression middleware inside Next.js does.
      const write = res.write.bind(res) as (chunk: string) => boolean;
      const end = res.end.bind(res) as (chunk?: string) => ServerResponse;
      res.write = ((chunk: string) => write(chunk.toUpperCase())) as ServerResponse["write"];
      res.end = ((chunk?: string) => end(chunk?.toUpperCase())) as ServerResponse["end"];
      res.write("one ");
      await sleep(300); // past the window: released
      res.write("two ");
      res.end("three");
    };
    server = await startTestServer(shouting, { hold: { windowMs: 100, maxBytes: 1_000_000 } });
    expect((await fetchRaw(server.port, "/")).body).toBe("ONE TWO THREE");
  });
});
