#!/usr/bin/env node
// `npm run test:resilience` (and a step of `npm test`): failure of any one replica, a rolling
// restart, live events across replicas and a PostgreSQL outage, each under steady load through real HAProxy load balancers in
// front of real API and web processes. Each scenario prints what the clients saw; the verdict is
// a plain "N passed, N failed" line, and a JSON summary for .ci/test.mjs when RESILIENCE_REPORT
// names a file.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startCluster, waitUntilReady } from "../../deploy/local/cluster.mjs";
import { say } from "../../deploy/local/lib.mjs";
import { startEmbeddedPostgres } from "../../deploy/local/postgres.mjs";

const TOKEN = "resilience-admin-token-0123456789";
const READ_TIMEOUT_MS = 10_000;
const auth = { authorization: `Bearer ${TOKEN}` };

/** Paths every reader cycles through: lists, search, one entity, its relations. */
const API_READS = [
  "/api/v1/entities?limit=20",
  "/api/v1/entities?q=pay&limit=10",
  "/api/v1/entities/component/default/checkout-service",
  "/api/v1/entities/component/default/checkout-service/relations",
  "/api/v1/entity-facets?facet=spec.type",
];
const WEB_READS = ["/catalog/component/default/checkout-service", "/", "/catalog/system/default/checkout", "/?kind=component"];

/** Numbers one scenario's clients saw. */
function newCounts() {
  return { sent: 0, ok: 0, failed: 0, failures: [], writesSent: 0, writeAttempts: 0, writeErrors: 0, acknowledged: [], found: 0, slowest: 0 };
}

function noteFailure(counts, what) {
  counts.failed += 1;
  if (counts.failures.length < 8) counts.failures.push(what);
}

/** `concurrency` loops reading `paths` from `base` until stopped. */
function readers(counts, base, paths, concurrency, headers = auth) {
  let running = true;
  const loops = Array.from({ length: concurrency }, async (_, worker) => {
    for (let i = worker; running; i++) {
      const target = paths[i % paths.length];
      const started = performance.now();
      counts.sent += 1;
      try {
        const res = await fetch(`${base}${target}`, { headers, signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
        await res.arrayBuffer();
        if (res.status === 200) counts.ok += 1;
        else noteFailure(counts, `${target} → ${res.status}`);
      } catch (error) {
        noteFailure(counts, `${target} → ${error.cause?.code ?? error.name}`);
      }
      counts.slowest = Math.max(counts.slowest, performance.now() - started);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

/**
 * One writer creating new components, as a careful client does: each write carries an
 * Idempotency-Key and is retried with it (up to 8 times, after Retry-After when the answer has
 * one, else 250 ms) when it fails, so a write is applied once however often it is sent. A write
 * counts as acknowledged on a 201.
 */
function writer(counts, apiUrl, prefix) {
  let running = true;
  const loop = (async () => {
    for (let n = 1; running; n++) {
      const name = `${prefix}-${n}`;
      const key = randomUUID();
      counts.writesSent += 1;
      for (let attempt = 0; attempt < 8; attempt++) {
        counts.writeAttempts += 1;
        let waitMs = 250;
        try {
          const res = await fetch(`${apiUrl}/api/v1/entities`, {
            method: "POST",
            headers: { ...auth, "content-type": "application/json", "idempotency-key": key },
            body: JSON.stringify({
              apiVersion: "backstage.io/v1alpha1",
              kind: "Component",
              metadata: { name, description: "Written by the resilience suite" },
              spec: { type: "service", lifecycle: "experimental", owner: "group:default/platform" },
            }),
            signal: AbortSignal.timeout(READ_TIMEOUT_MS),
          });
          await res.arrayBuffer();
          if (res.headers.has("retry-after")) waitMs = Math.min(20, Number(res.headers.get("retry-after"))) * 1000;
          if (res.status === 201) {
            counts.acknowledged.push(name);
            break;
          }
          counts.writeErrors += 1;
          if (counts.failures.length < 8) counts.failures.push(`write ${name} → ${res.status}`);
        } catch (error) {
          counts.writeErrors += 1;
          if (counts.failures.length < 8) counts.failures.push(`write ${name} → ${error.cause?.code ?? error.name}`);
        }
        if (!running) break; // the scenario is over; this write stays unacknowledged
        await sleep(waitMs);
      }
      await sleep(50);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

/** How many of the acknowledged writes the API now returns (read through the load balancer). */
async function countFound(apiUrl, names) {
  let found = 0;
  for (const name of names) {
    const res = await fetch(`${apiUrl}/api/v1/entities/component/default/${name}`, { headers: auth });
    await res.arrayBuffer();
    if (res.status === 200) found += 1;
  }
  return found;
}

function report(name, counts, extra = []) {
  say(`\n--- ${name} ---`);
  say(`  requests sent: ${counts.sent}, succeeded: ${counts.ok}, failed: ${counts.failed}, slowest: ${Math.round(counts.slowest)} ms`);
  say(`  writes sent: ${counts.writesSent} (attempts ${counts.writeAttempts}, errors seen ${counts.writeErrors}), acknowledged: ${counts.acknowledged.length}, found afterwards: ${counts.found}`);
  for (const line of extra) say(`  ${line}`);
  if (counts.failures.length) say(`  first failures: ${counts.failures.join("; ")}`);
}

const results = [];
function verdict(name, problems) {
  results.push({ name, passed: problems.length === 0, problems });
  say(problems.length === 0 ? `  PASS` : `  FAIL: ${problems.join("; ")}`);
}

/**
 * kill -9 of one replica in the middle of steady load: reads through `base` (the tier's load
 * balancer) and writes through the API's must not notice, beyond a retry.
 */
async function killOne(cluster, { name, title, victim, base, paths, concurrency, headers, unit }) {
  const counts = newCounts();
  const stopReads = readers(counts, base, paths, concurrency, headers);
  const stopWrites = writer(counts, cluster.apiUrl, `${name.replace(/\W+/g, "-")}-${Date.now()}`);
  await sleep(3_000);
  const killed = await victim.kill();
  const killedAt = counts.sent;
  await sleep(6_000);
  await Promise.all([stopReads(), stopWrites()]);
  counts.found = await countFound(cluster.apiUrl, counts.acknowledged);
  report(title, counts, [`${victim.name} killed by ${killed.signal} after ${killedAt} ${unit}`]);
  const problems = [];
  if (counts.failed > 0) problems.push(`${counts.failed} ${unit} failed`);
  if (counts.found !== counts.acknowledged.length) problems.push(`${counts.acknowledged.length - counts.found} acknowledged writes are missing`);
  if (counts.acknowledged.length === 0) problems.push("no write was acknowledged at all");
  verdict(name, problems);
  await victim.start();
  await waitUntilReady(victim);
}

const killOneApi = (cluster) =>
  killOne(cluster, { name: "API replica killed", title: "kill -9 one of three API replicas under load", victim: cluster.apis[1], base: cluster.apiUrl, paths: API_READS, concurrency: 4, headers: auth, unit: "requests" });
const killOneWeb = (cluster) =>
  killOne(cluster, { name: "web replica killed", title: "kill -9 one of two web replicas under load", victim: cluster.webs[0], base: cluster.url, paths: WEB_READS, concurrency: 3, headers: {}, unit: "page loads" });

async function rollingRestart(cluster) {
  const counts = newCounts();
  const stopReads = readers(counts, cluster.apiUrl, API_READS, 4);
  const stopWrites = writer(counts, cluster.apiUrl, `rolling-${Date.now()}`);
  await sleep(2_000);
  const exits = [];
  for (const replica of cluster.apis) {
    const started = performance.now();
    const exit = await replica.stop();
    exits.push(`${replica.name} exit ${exit.signal ?? exit.code} after ${Math.round(performance.now() - started)} ms`);
    await replica.start();
    await waitUntilReady(replica);
  }
  await sleep(2_000);
  await Promise.all([stopReads(), stopWrites()]);
  counts.found = await countFound(cluster.apiUrl, counts.acknowledged);
  report("rolling restart of every API replica under load", counts, [exits.join(", ")]);
  const problems = [];
  if (counts.failed > 0) problems.push(`${counts.failed} requests failed`);
  if (counts.writeErrors > 0) problems.push(`${counts.writeErrors} write attempts failed`);
  if (counts.found !== counts.acknowledged.length) problems.push(`${counts.acknowledged.length - counts.found} acknowledged writes are missing`);
  const unclean = exits.filter((e) => !/ exit 0 /.test(e));
  if (unclean.length) problems.push(`not a clean exit: ${unclean.join(", ")}`);
  verdict("rolling restart", problems);
}

/**
 * Live events fan out through PostgreSQL, not process memory: browsers' streams through the web
 * load balancer land on different web and API replicas, and a change written through any API
 * replica reaches every one of them.
 */
async function liveEventsAcrossReplicas(cluster) {
  const name = `live-${Date.now()}`;
  const listeners = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const controller = new AbortController();
      const res = await fetch(`${cluster.url}/events?ref=component:default/${name}`, { headers: { accept: "text/event-stream" }, signal: controller.signal });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const listener = { status: res.status, text: "", controller };
      listener.pump = (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            listener.text += value;
          }
        } catch {
          // aborted at the end of the scenario
        }
      })();
      return listener;
    }),
  );
  const until = async (condition, ms) => {
    const deadline = performance.now() + ms;
    while (!condition() && performance.now() < deadline) await sleep(50);
    return condition();
  };
  const allLive = await until(() => listeners.every((l) => /^: live$/m.test(l.text)), 10_000);
  // Which API replicas hold the streams, from each replica's own /metrics.
  const holding = [];
  for (const api of cluster.apis) {
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    const open = Number(/^cartograph_change_feed_listeners(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
    if (open > 0) holding.push(`${api.name}: ${open}`);
  }
  const written = performance.now();
  const res = await fetch(`${cluster.apiUrl}/api/v1/entities`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({ apiVersion: "backstage.io/v1alpha1", kind: "Component", metadata: { name }, spec: { type: "service", lifecycle: "experimental", owner: "group:default/platform" } }),
  });
  await res.arrayBuffer();
  const pattern = new RegExp(`event: change\\n[^]*?"ref":"component:default/${name}"`);
  const delivered = await until(() => listeners.every((l) => pattern.test(l.text)), 10_000);
  const slowest = performance.now() - written;
  const got = listeners.filter((l) => pattern.test(l.text)).length;
  for (const l of listeners) l.controller.abort();
  await Promise.all(listeners.map((l) => l.pump));
  say("\n--- a change reaches live listeners on every replica ---");
  say(`  ${listeners.length} streams through the web load balancer (statuses ${[...new Set(listeners.map((l) => l.status))].join(", ")}), held by ${holding.join(", ") || "no API replica"}`);
  say(`  write answered ${res.status}; ${got} of ${listeners.length} streams received the change${delivered ? ` within ${Math.round(slowest)} ms` : " (10 s)"}`);
  const problems = [];
  if (!allLive) problems.push("not every stream went live");
  if (res.status !== 201) problems.push(`the write answered ${res.status}`);
  if (holding.length < 2) problems.push("the streams did not spread over at least two API replicas");
  if (got !== listeners.length) problems.push(`${listeners.length - got} streams missed the change`);
  verdict("live events across replicas", problems);
}

/**
 * PostgreSQL stopped under load: every request must get a 503 problem+json with Retry-After in
 * under a second, and the API must serve again within 5 s of PostgreSQL's return, unrestarted.
 */
async function databaseOutage(cluster, restartDatabase) {
  const counts = newCounts();
  const outage = { answered: 0, served: 0, wellFormed: 0, slow: 0, other: [] };
  let phase = "before";
  const pids = cluster.apis.map((r) => r.pid);
  let running = true;
  const probes = Array.from({ length: 3 }, async (_, worker) => {
    for (let i = worker; running; i++) {
      const target = API_READS[i % API_READS.length];
      const started = performance.now();
      counts.sent += 1;
      let status = 0;
      let good = false;
      let bodyText = "";
      try {
        const res = await fetch(`${cluster.apiUrl}${target}`, { headers: auth, signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
        status = res.status;
        const text = await res.text();
        bodyText = text;
        if (status === 503) {
          const body = JSON.parse(text);
          good = /application\/problem\+json/.test(res.headers.get("content-type") ?? "") && Number(res.headers.get("retry-after")) > 0 && body.status === 503 && typeof body.detail === "string";
        }
      } catch (error) {
        status = error.cause?.code ?? error.name;
      }
      const took = performance.now() - started;
      counts.slowest = Math.max(counts.slowest, took);
      if (status === 200) counts.ok += 1;
      if (phase === "down") {
        outage.answered += 1;
        if (status === 200) outage.served += 1; // answered in the moment before PostgreSQL refused connections
        else if (status === 503 && good) outage.wellFormed += 1;
        else if (status !== 200 && outage.other.length < 5) outage.other.push(`${target} → ${status}${typeof status === "number" ? ` ${bodyText.slice(0, 200)}` : ""}`);
        if (took > 1_000) outage.slow += 1;
      } else if (phase !== "recovering" && status !== 200) {
        noteFailure(counts, `${phase}: ${target} → ${status}`);
      }
      if (phase === "down") await sleep(50);
    }
  });
  const stopWrites = writer(counts, cluster.apiUrl, `outage-${Date.now()}`);
  await sleep(2_000);
  const ackedBefore = counts.acknowledged.length;
  phase = "down"; // from the moment the shutdown begins: PostgreSQL refuses new connections at once
  await cluster.database.stop();
  await sleep(4_000);
  const database = await restartDatabase();
  const back = performance.now();
  phase = "recovering";
  let recoveredAfter;
  for (;;) {
    const res = await fetch(`${cluster.apiUrl}/api/v1/entities?limit=1`, { headers: auth, signal: AbortSignal.timeout(READ_TIMEOUT_MS) }).catch(() => undefined);
    if (res?.status === 200) {
      recoveredAfter = performance.now() - back;
      break;
    }
    if (performance.now() - back > 30_000) break;
    await sleep(100);
  }
  phase = "after";
  // Writes resume too: a write caught by the outage holds its Idempotency-Key claim until the
  // claim's 15 s lease lapses (the release failed with the database), then goes through.
  const ackedAtRecovery = counts.acknowledged.length;
  const resumeBy = performance.now() + 25_000;
  while (counts.acknowledged.length < ackedAtRecovery + 3 && performance.now() < resumeBy) await sleep(200);
  const ackedAfter = counts.acknowledged.length - ackedAtRecovery;
  await sleep(1_000);
  running = false;
  await Promise.all([...probes, stopWrites()]);
  counts.found = await countFound(cluster.apiUrl, counts.acknowledged);
  const restarted = cluster.apis.filter((r, i) => r.pid !== pids[i] || !r.running).map((r) => r.name);
  report("PostgreSQL stopped for 4 s under load", counts, [
    `during the outage: ${outage.answered} answers, ${outage.wellFormed} of them 503 problem+json with Retry-After, ${outage.served} served (200) as it began, ${outage.slow} took over 1 s${outage.other.length ? `; others: ${outage.other.join(", ")}` : ""}`,
    `serving again ${recoveredAfter === undefined ? "never (30 s)" : `${Math.round(recoveredAfter)} ms`} after PostgreSQL accepted connections; ${ackedBefore} writes acknowledged before the outage`,
    `API replicas restarted: ${restarted.length ? restarted.join(", ") : "none"}; writes acknowledged after recovery: ${ackedAfter}`,
  ]);
  const problems = [];
  if (outage.answered === 0) problems.push("no request was answered during the outage");
  const malformed = outage.answered - outage.wellFormed - outage.served;
  if (malformed > 0) problems.push(`${malformed} outage answers were neither a success nor a 503 problem+json with Retry-After`);
  if (outage.wellFormed === 0) problems.push("no request saw the outage's 503");
  if (outage.slow > 0) problems.push(`${outage.slow} outage answers took over 1 s`);
  if (recoveredAfter === undefined || recoveredAfter > 5_000) problems.push(`not serving within 5 s of PostgreSQL's return`);
  if (counts.failed > 0) problems.push(`${counts.failed} requests failed outside the outage`);
  if (ackedAfter < 3) problems.push(`only ${ackedAfter} writes were acknowledged in the 25 s after recovery`);
  if (counts.found !== counts.acknowledged.length) problems.push(`${counts.acknowledged.length - counts.found} acknowledged writes are missing`);
  if (restarted.length) {
    problems.push(`replicas restarted: ${restarted.join(", ")}`);
    for (const r of cluster.apis.filter((a) => restarted.includes(a.name))) say(`  ${r.name}'s last output:\n${r.output.slice(-3000)}`);
  }
  verdict("PostgreSQL outage", problems);
  return database;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "cartograph-resilience-"));
  let cluster;
  let database;
  const started = Date.now();
  const stopAll = async () => {
    await cluster?.stop();
    await database?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    const pgDir = path.join(dir, "postgres");
    const pg = await startEmbeddedPostgres({ dataDir: pgDir, database: "cartograph" });
    const pgPort = pg.port;
    database = { url: pg.url, stop: () => pg.stop() };
    const restartDatabase = async () => {
      const again = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, database: "cartograph" });
      database.stop = () => again.stop();
      cluster.database.stop = () => again.stop();
      return again;
    };
    say("Starting PostgreSQL, 3 API replicas, 2 web replicas and HAProxy ...");
    cluster = await startCluster({
      apiReplicas: 3,
      webReplicas: 2,
      dataDir: path.join(dir, "cluster"),
      database: { ...database, stop: async () => database.stop() },
      adminToken: TOKEN,
      // The limiter would throttle the suite's own load (one caller); it is tested elsewhere.
      apiEnv: { API_RATE_LIMIT_PER_MINUTE: "0", ANONYMOUS_READ: "true" },
      webEnv: { ANONYMOUS_READ: "true" },
    });
    say(`Cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s: web ${cluster.url}, API ${cluster.apiUrl}`);
    await killOneApi(cluster);
    await killOneWeb(cluster);
    await rollingRestart(cluster);
    await liveEventsAcrossReplicas(cluster);
    await databaseOutage(cluster, restartDatabase);
  } catch (error) {
    results.push({ name: "setup", passed: false, problems: [error instanceof Error ? error.message : String(error)] });
    say(`The resilience suite could not run: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    await stopAll();
  }
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  if (process.env.RESILIENCE_REPORT) writeFileSync(process.env.RESILIENCE_REPORT, JSON.stringify({ passed, failed, results }, null, 2));
  say(`\nResilience suite finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  say(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
