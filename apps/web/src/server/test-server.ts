// Test helpers: the web server's own layer on a plain node:http server, with a stand-in for Next.js.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { createRequestHandler, type NextHandler } from "./handler";
import type { HoldOptions } from "./hold-response";
import { ServerLifecycle } from "./lifecycle";
import { createWebMetrics } from "./metrics";

export interface TestServer {
  url: string;
  port: number;
  lifecycle: ServerLifecycle;
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startTestServer(next: NextHandler, options: { level?: string; delayMs?: number; timeoutMs?: number; metricsToken?: string; hold?: HoldOptions } = {}): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: options.level ?? "info", base: { service: "cartograph-web" } }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = http.createServer();
  const lifecycle = new ServerLifecycle(server, { delayMs: options.delayMs ?? 0, timeoutMs: options.timeoutMs ?? 5_000, logger });
  const metrics = createWebMetrics({ openStreams: () => lifecycle.openStreams });
  server.on("request", createRequestHandler({ next, lifecycle, metrics, logger, metricsToken: options.metricsToken, hold: options.hold }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lifecycle,
    logs,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own (no keep-alive pool between tests). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on("error", reject);
  });
}

/** A stand-in for Next.js: answers 200 with the request id it was handed, 404 for /missing. */
export const echoNext: NextHandler = async (req: IncomingMessage, res: ServerResponse) => {
  res.statusCode = req.url?.startsWith("/missing") ? 404 : 200;
  res.setHeader("content-type", "text/plain");
  res.end(`request id: ${String(req.headers["x-request-id"])}`);
};
