// A small closed-loop load generator: `connections` workers each send the next request as soon as
// the previous one answers, for `durationMs`. Keep-alive, loopback only. Records every latency.
import http from "node:http";

/**
 * Every item once per pass, scattered (a stride coprime with the length), so a benchmark reads the
 * whole catalog rather than a few entities its caches would keep.
 */
export function cycle(items, stride = 7919) {
  const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
  while (gcd(stride, items.length) !== 1) stride++;
  let i = 0;
  return () => items[(i = (i + stride) % items.length)];
}

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

/**
 * The same closed loop driven by autocannon, the tool Backstage's anchor numbers were measured with
 * (shared/ANCHORS.md): lighter than runHttpLoad, so less of the shared CPU goes to the load itself.
 * Latencies are whole milliseconds, as autocannon records them.
 */
export async function runAutocannon({ baseUrl, nextRequest, connections = 10, durationMs = 10_000 }) {
  const url = new URL(baseUrl);
  if (!["127.0.0.1", "localhost"].includes(url.hostname)) throw new Error("load goes to loopback only");
  const { default: autocannon } = await import("autocannon");
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationMs / 1000,
    requests: [
      {
        setupRequest: (req) => {
          const spec = nextRequest();
          if (typeof spec === "string") return { ...req, method: "GET", path: spec };
          const body = spec.body ? JSON.stringify(spec.body) : undefined;
          return { ...req, method: spec.method, path: spec.path, body, headers: { ...(spec.headers ?? {}), ...(body ? { "content-type": "application/json" } : {}) } };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts,
    throughput: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
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

/**
 * Open-loop load: requests start at a fixed `rate` per second whatever the latency (as real
 * users arrive), for `durationMs`. At most `maxInFlight` are outstanding; a request that cannot
 * start because of that counts as `dropped` (the target cannot keep up). `onWindow` receives a
 * summary of each `windowMs` slice, for reports over time.
 */
export async function runOpenLoad({ baseUrl, nextRequest, rate, durationMs, maxInFlight = 256, windowMs = 60_000, onWindow = () => {}, expectStatus = 200 }) {
  const url = new URL(baseUrl);
  if (!["127.0.0.1", "localhost"].includes(url.hostname)) throw new Error("load goes to loopback only");
  // Idle connections are closed after 4 s, before the load balancer's keep-alive timeout (10 s)
  // would close them under a request just being sent (a reset no server caused).
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight, timeout: 4_000 });
  const all = { latencies: [], errors: 0, dropped: 0, errorSamples: [] };
  let window = { latencies: [], errors: 0, dropped: 0, started: performance.now() };
  let inFlight = 0;
  let sent = 0;
  const started = performance.now();
  const closeWindow = () => {
    const elapsed = performance.now() - window.started;
    onWindow({ ...summarize(window.latencies, elapsed, window.errors), dropped: window.dropped, atSeconds: Math.round((performance.now() - started) / 1000) });
    window = { latencies: [], errors: 0, dropped: 0, started: performance.now() };
  };
  const fail = (what) => {
    all.errors++;
    window.errors++;
    if (all.errorSamples.length < 10) all.errorSamples.push(what);
  };
  const once = (spec) => {
    inFlight++;
    const t0 = performance.now();
    const r = http.request({ host: url.hostname, port: url.port, method: "GET", path: spec, agent, timeout: 30_000 }, (res) => {
      res.resume();
      res.on("end", () => {
        inFlight--;
        const ms = performance.now() - t0;
        all.latencies.push(ms);
        window.latencies.push(ms);
        if (res.statusCode !== expectStatus) fail(`${spec} → ${res.statusCode}`);
      });
    });
    r.on("timeout", () => r.destroy(new Error("timeout")));
    r.on("error", (error) => {
      inFlight--;
      fail(`${spec} → ${error.code ?? error.message}`);
    });
    r.end();
  };
  let nextWindowAt = started + windowMs;
  while (performance.now() - started < durationMs) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) {
      sent++;
      if (inFlight >= maxInFlight) {
        all.dropped++;
        window.dropped++;
      } else once(nextRequest());
    }
    if (performance.now() >= nextWindowAt) {
      closeWindow();
      nextWindowAt += windowMs;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
  if (window.latencies.length) closeWindow();
  agent.destroy();
  return { ...summarize(all.latencies, performance.now() - started, all.errors), dropped: all.dropped, errorSamples: all.errorSamples };
}
