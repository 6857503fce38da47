#!/usr/bin/env node
// `npm run bench:web [-- --size 100000 --duration 20 --connections 4]`: the web tier's server
// response times on a large catalog. Loads a synthetic catalog through the API into a throwaway
// PostgreSQL, starts the real API and web tiers (production builds), and requests whole pages
// from the web tier as a browser would (HTML, server-rendered from the API). Writes
// bench/reports/web-<date>.md and .json.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApi, buildWeb, ROOT, say } from "../deploy/local/lib.mjs";
import { generateCatalog } from "./generate.mjs";
import { cycle, runHttpLoad, waitForMaintenance } from "./load.mjs";
import { ingestThroughApi, startBenchApi, startBenchPostgres, startBenchWeb } from "./stack.mjs";

const { values: args } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "4" },
    /** Only the cases whose name contains this text. */
    only: { type: "string" },
  },
});
const size = Number(args.size);
const durationMs = Number(args.duration) * 1000;
const connections = Number(args.connections);
const BUDGET_P95_MS = 300;

buildApi();
buildWeb();
const { default: pg } = await import("pg");
const server = await startBenchPostgres("bench-web");
const stops = [];

try {
  const databaseUrl = await server.migratedDatabase("bench_web");
  const api = await startBenchApi(databaseUrl);
  stops.push(api.stop);

  const catalog = generateCatalog(size);
  say(`ingesting ${size} entities ...`);
  say(`ingest: ${(await ingestThroughApi(api.url, catalog)).toFixed(1)} s`);
  await waitForMaintenance(pg, databaseUrl);

  const web = await startBenchWeb(api.url);
  stops.push(web.stop);
  const webUrl = web.url;

  const names = catalog.map((e) => e.metadata.name);
  const nextName = cycle(names);
  const words = ["payment", "order", "ledger", "search", "billing", "shipping", "identity", "pricing"];
  let w = 0;
  const nextWord = () => words[(w = (w + 1) % words.length)];
  let typed = 0;
  const nextPrefix = () => {
    typed++;
    const name = names[(typed * 104729) % names.length];
    return name.slice(0, 4 + (typed % (name.length - 3)));
  };
  const page = (p) => ({ method: "GET", path: p, headers: { accept: "text/html" } });
  const cases = [
    { name: "explore: first page, all kinds", next: () => page("/") },
    { name: "explore: search, repeated words (q, ranked)", next: () => page(`/?q=${nextWord()}`) },
    // As someone types a name: every query is new to the API (nothing remembered), facets included.
    { name: "explore: search as you type, every query new", next: () => page(`/?q=${encodeURIComponent(nextPrefix())}`) },
    { name: "explore: facet filters + sort by name", next: () => page(`/?kind=component&lifecycle=production&type=service&sort=name`) },
    { name: "entity page: overview", next: () => page(`/catalog/component/default/${nextName()}`) },
    { name: "entity page: YAML tab", next: () => page(`/catalog/component/default/${nextName()}/yaml`) },
    { name: "entity page: history tab", next: () => page(`/catalog/component/default/${nextName()}/history`) },
    { name: "entity page: graph tab (depth 1)", next: () => page(`/catalog/component/default/${nextName()}/graph`) },
  ];
  const rows = [];
  for (const c of cases.filter((c) => !args.only || c.name.includes(args.only))) {
    // A short warm-up per case: the first render of a route loads its server chunks.
    await runHttpLoad({ baseUrl: webUrl, nextRequest: c.next, connections: 1, durationMs: 2_000 });
    const r = await runHttpLoad({ baseUrl: webUrl, nextRequest: c.next, connections, durationMs });
    rows.push({ name: c.name, ...r });
    say(`${c.name}: ${r.throughput} pages/s p50 ${r.p50} ms p95 ${r.p95} ms p99 ${r.p99} ms (errors ${r.errors})`);
  }
  writeReport(rows);
} finally {
  for (const stop of stops.reverse()) await stop();
  await server.stop();
}

function writeReport(rows) {
  const date = new Date().toISOString().slice(0, 10);
  const outDir = path.join(ROOT, "bench", "reports");
  mkdirSync(outDir, { recursive: true });
  const lines = [
    `# Web tier benchmark, ${date}`,
    "",
    `Machine: ${process.platform} ${process.arch}, Node ${process.version}, 2 cores shared by PostgreSQL (embedded, default settings), the API, the web tier (\`node dist/server.js\`, production build) and the load generator. Catalog: ${size.toLocaleString("en-US")} synthetic components (bench/generate.mjs) ingested through the API. Load: ${connections} keep-alive connections, closed loop, ${durationMs / 1000} s per case after a 2 s warm-up, on 127.0.0.1; each request is a whole server-rendered HTML page from the web tier, which asks the API over HTTP. Entity pages are requested for a different entity each time. Reads are anonymous (ANONYMOUS_READ=true on both tiers); a signed-in visitor adds one session lookup per API call.`,
    "",
    `Budget: server response p95 ≤ ${BUDGET_P95_MS} ms for the explore page and the entity page.`,
    "",
    "| page | pages/s | p50 ms | p95 ms | p99 ms | errors | p95 within budget |",
    "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
    ...rows.map((r) => `| ${r.name} | ${r.throughput} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.p95 <= BUDGET_P95_MS ? "yes" : "**no**"} |`),
    "",
  ];
  writeFileSync(path.join(outDir, `web-${date}.md`), `${lines.join("\n")}\n`);
  writeFileSync(path.join(outDir, `web-${date}.json`), `${JSON.stringify({ size, connections, durationMs, rows }, null, 2)}\n`);
  say(`\nreport: bench/reports/web-${date}.md`);
}
