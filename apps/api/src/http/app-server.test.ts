import { once } from "node:events";
import { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createAppServer } from "./app-server.ts";

let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve(app: express.Express) {
  const server = createAppServer(app);
  const arrived: { request: object | null; response: object | null }[] = [];
  // Runs before the app: what the objects are as the server made them.
  server.prependListener("request", (req, res) => arrived.push({ request: Object.getPrototypeOf(req), response: Object.getPrototypeOf(res) }));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  close = () => server.close();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrived };
}

describe("createAppServer", () => {
  it("makes requests and responses with the app's prototypes, so Express never has to change them", async () => {
    const app = express();
    app.get("/things/:id", (req, res) => void res.json({ id: req.params.id, sameApp: req.app === app, isRequest: req instanceof IncomingMessage, isResponse: res instanceof ServerResponse }));
    const { url, arrived } = await serve(app);

    for (const id of ["a", "b"]) {
      const res = await fetch(`${url}/things/${id}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id, sameApp: true, isRequest: true, isResponse: true });
    }
    expect(arrived).toHaveLength(2);
    for (const { request, response } of arrived) {
      expect(request).toBe(app.request);
      expect(response).toBe(app.response);
    }
  });

  it("keeps everything Express adds to requests and responses", async () => {
    const app = express();
    app.set("trust proxy", "loopback");
    app.get("/echo", (req, res) => {
      res.status(201).set("x-seen", `${req.get("x-probe")}|${req.ip}|${req.query.q}|${req.hostname}`).type("json").send(Buffer.from('{"ok":true}'));
    });
    const { url } = await serve(app);
    const res = await fetch(`${url}/echo?q=1`, { headers: { "x-probe": "p", "x-forwarded-for": "10.1.2.3" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-seen")).toBe("p|10.1.2.3|1|127.0.0.1");
    expect(await res.json()).toEqual({ ok: true });
  });
});
