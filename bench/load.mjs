// A small closed-loop load generator: `connections` workers each send the next request as soon as
// the previous one answers, for `durationMs`. Keep-alive, loopback only. Records every latency.
import http from "node:http";

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(latenciesMs, elapsedMs, errors) {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    throughput: Math.round((sorted.length / elapsedMs) * 1000),
    p50: +percentile(sorted, 50).toFixed(2),
    p99: +percentile(sorted, 99).toFixed(2),
  };
}

/** `nextRequest()` returns a path on `baseUrl` (or {method, path, body, headers}). Only 127.0.0.1 is allowed. */
export async function runHttpLoad({ baseUrl, nextRequest, connections = 10, durationMs = 10_000, expectStatus = 200 }) {
  const url = new URL(baseUrl);
  if (!["127.0.0.1", "localhost"].includes(url.hostname)) throw new Error("load goes to loopback only");
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let errors = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  const once = (req) =>
    new Promise((resolve) => {
      const spec = typeof req === "string" ? { method: "GET", path: req } : req;
      const body = spec.body ? JSON.stringify(spec.body) : undefined;
      const t0 = performance.now();
      const r = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: spec.method,
          path: spec.path,
          agent,
          headers: { ...(spec.headers ?? {}), ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            if (res.statusCode !== expectStatus) errors++;
            resolve();
          });
        },
      );
      r.on("error", () => {
        errors++;
        resolve();
      });
      if (body) r.write(body);
      r.end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await once(nextRequest());
    }),
  );
  agent.destroy();
  return summarize(latencies, performance.now() - started, errors);
}

/** The same closed loop for a raw SQL query through a pg pool. */
export async function runSqlLoad({ pool, nextQuery, connections = 10, durationMs = 10_000 }) {
  const latencies = [];
  let errors = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const { text, values } = nextQuery();
        const t0 = performance.now();
        try {
          await pool.query(text, values);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return summarize(latencies, performance.now() - started, errors);
}
