#!/usr/bin/env node
// `npm run bench:anchors`: the exact Backstage requests of shared/ANCHORS.md against our
// Backstage-compatible API (/api/catalog) on a 10k-entity catalog, same load shape (10
// connections). Writes bench/reports/anchors-<date>.md.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApi, ROOT, say, stopChild, waitForUrl } from "../deploy/local/lib.mjs";
import { generateCatalog } from "./generate.mjs";
import { cycle, runAutocannon, waitForMaintenance } from "./load.mjs";

const SIZE = 10_000;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const TOKEN = "bench-admin-token-0123456789";
buildApi();
const { startEmbeddedPostgres, freePort } = await import("../deploy/local/postgres.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "cartograph-anchors-"));
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), database: "anchors" });
const port = await freePort();
const env = { ...process.env, DATABASE_URL: server.url, PORT: String(port), CARTOGRAPH_ADMIN_TOKEN: TOKEN, LOG_LEVEL: "warn", NODE_ENV: "production", ANONYMOUS_READ: "true", API_RATE_LIMIT_PER_MINUTE: "10000000" };
await new Promise((resolve, reject) =>
  spawn(process.execPath, ["apps/api/dist/cli.js", "migrate"], { cwd: ROOT, env, stdio: "ignore" }).on("exit", (c) => (c === 0 ? resolve() : reject(new Error("migrate failed")))),
);
const api = spawn(process.execPath, ["apps/api/dist/server.js"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
const base = `http://127.0.0.1:${port}`;
const rows = [];
try {
  await waitForUrl(`${base}/readyz`);
  const catalog = generateCatalog(SIZE);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/ingest?source=anchors`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(catalog) });
  if (res.status !== 200) throw new Error(`ingest ${res.status}`);
  const ingestSeconds = (performance.now() - t0) / 1000;
  rows.push({ name: `ingest until all ${SIZE} entities are visible`, backstage: "185 s", goal: "≤ 6 s (30x)", ours: `${ingestSeconds.toFixed(1)} s` });
  const { default: pg } = await import("pg");
  const settled = await waitForMaintenance(pg, server.url);
  say(`post-ingest maintenance finished ${settled.toFixed(1)} s after the ingest returned; measuring reads from now`);
  const nextName = cycle(catalog.map((e) => e.metadata.name));
  // Every request asks for 100 different entities, all of the catalog in turn.
  const nextRefs = () => Array.from({ length: 100 }, () => `component:default/${nextName()}`);
  const cases = [
    ["GET /entities/by-name/component/default/<name>", "612 req/s, p99 32 ms", "≥ 1836 req/s, p99 ≤ 10 ms", () => `/api/catalog/entities/by-name/component/default/${nextName()}`],
    ["GET /entities/by-query?filter=kind=component,spec.lifecycle=production&limit=50&orderField=metadata.name,asc", "40 req/s, p99 458 ms", "≥ 400 req/s, p99 ≤ 50 ms", () => "/api/catalog/entities/by-query?filter=kind=component,spec.lifecycle=production&limit=50&orderField=metadata.name,asc"],
    ["GET /entity-facets?facet=spec.type&facet=spec.lifecycle&filter=kind=component", "44 req/s, p99 319 ms", "≥ 440 req/s, p99 ≤ 50 ms", () => "/api/catalog/entity-facets?facet=spec.type&facet=spec.lifecycle&filter=kind=component"],
    ["GET /entities/by-query?fullTextFilterTerm=payment&fullTextFilterFields=metadata.name,metadata.description&limit=50", "66 req/s, p99 231 ms", "≥ 660 req/s, p99 ≤ 100 ms", () => "/api/catalog/entities/by-query?fullTextFilterTerm=payment&fullTextFilterFields=metadata.name,metadata.description&limit=50"],
    ["POST /entities/by-refs with 100 refs", "235 req/s", "≥ 705 req/s", () => ({ method: "POST", path: "/api/catalog/entities/by-refs", body: { entityRefs: nextRefs() } })],
  ];
  for (const [name, backstage, goal, next] of cases) {
    const r = await runAutocannon({ baseUrl: base, nextRequest: next, durationMs: DURATION });
    rows.push({ name, backstage, goal, ours: `${r.throughput} req/s, p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ""}` });
    say(`${name}: ${r.throughput} req/s p99 ${r.p99} ms errors ${r.errors}`);
  }
} finally {
  await stopChild(api);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
const date = new Date().toISOString().slice(0, 10);
const lines = [
  `# Backstage's anchor requests against Cartograph, ${date}`,
  "",
  `The requests of shared/ANCHORS.md (Backstage catalog-backend 4.0.5, 10,000 entities, autocannon with 10 connections on a 2-core machine) against Cartograph's \`/api/catalog\` on a generated catalog of ${SIZE.toLocaleString("en-US")} entities (about five relations each): autocannon too, 10 keep-alive connections, ${DURATION / 1000} s per request, on the same machine. By-name and by-refs walk the whole catalog (every entity once per pass, scattered). Facet counts and text-search pages are remembered per catalog version (see bench/reports/catalog-*.md).`,
  "",
  "| request | Backstage | goal | Cartograph |",
  "| --- | --- | --- | --- |",
  ...rows.map((r) => `| ${r.name.replaceAll("|", "\\|")} | ${r.backstage} | ${r.goal} | ${r.ours} |`),
  "",
];
mkdirSync(path.join(ROOT, "bench", "reports"), { recursive: true });
writeFileSync(path.join(ROOT, "bench", "reports", `anchors-${date}.md`), lines.join("\n"));
say(`report: bench/reports/anchors-${date}.md`);
process.exit(0);
