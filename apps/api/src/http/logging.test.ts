import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import { pino } from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { levelOf, requestLogger } from "./logging.ts";

/** An app behind requestLogger whose log lines are collected, parsed. */
function loggedApp(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = express();
  app.use(requestLogger(pino({ level }, sink)));
  app.get("/ok", (_req, res) => void res.json({ ok: true }));
  app.get("/livez", (_req, res) => void res.send("ok"));
  app.get("/missing", (_req, res) => void res.status(404).json({}));
  app.get("/broken", (req, res) => {
    req.log.error({ detail: "it broke" }, "handler failed");
    res.status(500).json({});
  });
  app.get("/slow", () => {}); // never answers: the client gives up
  // pino writes asynchronously through the stream; give it a turn.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { app, lines, settle };
}

describe("requestLogger", () => {
  it("writes one line per request with the request id, method, URL, status and time", async () => {
    const { app, lines, settle } = loggedApp();
    const res = await request(app).get("/ok?x=1").set("x-request-id", "web-42.a");
    await settle();
    expect(res.headers["x-request-id"]).toBe("web-42.a");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: "request completed", requestId: "web-42.a", req: { method: "GET", url: "/ok?x=1" }, res: { statusCode: 200 } });
    expect(lines[0]!.responseTime).toEqual(expect.any(Number));
  });

  it("makes up an id when none (or a malformed one) comes in, and logs 4xx as warnings and 5xx as errors", async () => {
    const { app, lines, settle } = loggedApp();
    const missing = await request(app).get("/missing").set("x-request-id", "not valid!");
    const broken = await request(app).get("/broken");
    await settle();
    expect(missing.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.find((l) => l.msg === "request completed")).toMatchObject({ level: 40, requestId: missing.headers["x-request-id"], res: { statusCode: 404 } });
    // req.log lines carry the same id and request as the closing line.
    const own = lines.find((l) => l.msg === "handler failed");
    expect(own).toMatchObject({ level: 50, detail: "it broke", requestId: broken.headers["x-request-id"], req: { method: "GET", url: "/broken" } });
    expect(lines.find((l) => l.msg === "request errored")).toMatchObject({ level: 50, requestId: broken.headers["x-request-id"], res: { statusCode: 500 } });
  });

  it("does not log probes, nor levels below the logger's", async () => {
    const quiet = loggedApp();
    await request(quiet.app).get("/livez");
    await quiet.settle();
    expect(quiet.lines).toEqual([]);

    const warnOnly = loggedApp("warn");
    await request(warnOnly.app).get("/ok");
    await request(warnOnly.app).get("/missing");
    await warnOnly.settle();
    expect(warnOnly.lines.map((l) => l.res)).toEqual([{ statusCode: 404 }]);
  });

  it("says when the client went away before the answer", async () => {
    const { app, lines, settle } = loggedApp();
    const server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const req = http.get({ host: "127.0.0.1", port: (server.address() as AddressInfo).port, path: "/slow" });
      req.on("error", () => {});
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.destroy();
      for (let i = 0; i < 50 && lines.length === 0; i++) await settle();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ msg: "request aborted", req: { url: "/slow" } });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("maps statuses to levels", () => {
    expect([200, 304, 399, 400, 429, 499, 500, 503].map(levelOf)).toEqual(["info", "info", "info", "warn", "warn", "warn", "error", "error"]);
  });
});
