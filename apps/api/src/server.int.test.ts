import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { connect, type Socket } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { component, freePort, startTestApp, type TestApp } from "./test-support.ts";

// The API as it runs in production: a process of its own (src/server.ts), stopped with SIGTERM.
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DELAY_MS = 1_500;

let t: TestApp;
let api: ChildProcess;
let port: number;
let url: string;
let logs = "";

const exited = () => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
  if (api.exitCode !== null || api.signalCode !== null) resolve({ code: api.exitCode, signal: api.signalCode });
  else api.once("exit", (code, signal) => resolve({ code, signal }));
});

beforeAll(async () => {
  t = await startTestApp();
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  api = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: t.database.url,
      ANONYMOUS_READ: "true",
      LOG_LEVEL: "info",
      NODE_ENV: "test",
      SHUTDOWN_DELAY_MS: String(DELAY_MS),
      SHUTDOWN_TIMEOUT_MS: "15000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  api.stdout!.on("data", (chunk: Buffer) => (logs += chunk.toString()));
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) break;
    if (i > 150) throw new Error("the API process did not become ready");
    await new Promise((r) => setTimeout(r, 100));
  }
}, 30_000);

afterAll(async () => {
  if (api && api.exitCode === null && api.signalCode === null) {
    api.kill("SIGKILL");
    await exited();
  }
  await t.close();
});

/** An open GET /api/v1/events stream; resolves once the server says it is connected. */
function openEventStream(): Promise<{ ended: Promise<void>; isOpen: () => boolean }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/api/v1/events`, (res) => {
        let open = true;
        const ended = new Promise<void>((done) => res.once("close", () => ((open = false), done())));
        res.setEncoding("utf8");
        res.once("data", () => resolve({ ended, isOpen: () => open }));
        res.resume();
      })
      .on("error", reject);
  });
}

/**
 * A request still on its way when SIGTERM arrives: headers sent, half of the body held back
 * until the test sends the rest. Resolves the raw response once the server closes the connection.
 */
function halfSentRequest(): { finish(): void; response: Promise<string> } {
  const body = JSON.stringify([component("slow-validate")]);
  const socket: Socket = connect(port, "127.0.0.1");
  let raw = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (raw += chunk));
  const response = new Promise<string>((resolve, reject) => {
    socket.once("close", () => resolve(raw));
    socket.once("error", reject);
  });
  const head = `POST /api/v1/validate HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  socket.write(head + body.slice(0, 20));
  return { finish: () => socket.write(body.slice(20)), response };
}

describe("the API process on SIGTERM", () => {
  it("fails /livez for SHUTDOWN_DELAY_MS, then closes the listener, finishes the request in flight and exits 0", async () => {
    const stream = await openEventStream();
    const slow = halfSentRequest();
    await new Promise((r) => setTimeout(r, 200)); // the server has read the request's head
    const signalled = Date.now();
    api.kill("SIGTERM");

    // Draining: still answering, /livez refuses, every response closes its connection.
    let live = await fetch(`${url}/livez`);
    for (let i = 0; live.status === 200 && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 25));
      live = await fetch(`${url}/livez`);
    }
    expect(live.status).toBe(503);
    expect(live.headers.get("content-type")).toMatch(/problem\+json/);
    expect(((await live.json()) as { code: string }).code).toBe("shutting_down");
    expect(live.headers.get("connection")).toBe("close");
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("connection")).toBe("close");
    expect(stream.isOpen()).toBe(true);

    // After the delay the listener closes: new connections are refused, event streams end.
    let refused = false;
    while (!refused && Date.now() - signalled < DELAY_MS + 5_000) {
      refused = await fetch(`${url}/healthz`).then(() => false, () => true);
      if (!refused) await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused).toBe(true);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(DELAY_MS - 100);
    await stream.ended;

    // The request in flight is still served, its connection closed after the response; then exit 0.
    expect(api.exitCode).toBeNull();
    slow.finish();
    const raw = await slow.response;
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toMatch(/\r\nconnection: close\r\n/i);
    expect(raw).toContain(`"valid":true,"documents":1`);
    expect(await exited()).toEqual({ code: 0, signal: null });
    expect(logs).toContain("shutting down");
    expect(logs).toContain('"msg":"stopped"');
  }, 30_000);
});
