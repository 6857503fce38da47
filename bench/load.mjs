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
    p95: +percentile(sorted, 95).toFixed(2),
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

/**
 * Waits until nothing maintains the database any more (the API's post-ingest ANALYZE and VACUUM,
 * autovacuum workers), so reads are measured in steady state; returns how long that took.
 */
export async function waitForMaintenance(pg, connectionString, { quietMs = 2_000, timeoutMs = 300_000 } = {}) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const started = performance.now();
  let quietSince = null;
  try {
    while (performance.now() - started < timeoutMs) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND (backend_type = 'autovacuum worker' OR query ~* '^\\s*(ANALYZE|VACUUM)')
            AND state <> 'idle'`,
      );
      if (rows[0].n === 0) {
        quietSince ??= performance.now();
        if (performance.now() - quietSince >= quietMs) break;
      } else quietSince = null;
      await new Promise((r) => setTimeout(r, 200));
    }
    return (performance.now() - started - quietMs) / 1000;
  } finally {
    await client.end();
  }
}
