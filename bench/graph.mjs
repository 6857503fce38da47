#!/usr/bin/env node
// `node bench/graph.mjs [--size 100000] [--runs 40]`: times the graph and architecture endpoints
// on the synthetic benchmark catalog (bench/generate.mjs) with a few busy nodes added: a team
// owning ~100 components, a system of ~50, a component many others depend on. One request at a
// time (latency, not throughput). Writes bench/reports/graph-<date>.md.
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildApi, ROOT, say } from "../deploy/local/lib.mjs";
import { generateCatalog } from "./generate.mjs";
import { percentile, waitForMaintenance } from "./load.mjs";
import { BENCH_TOKEN as TOKEN, startBenchApi, startBenchPostgres } from "./stack.mjs";

const { values: args } = parseArgs({ options: { size: { type: "string", default: "100000" }, runs: { type: "string", default: "40" } } });
const size = Number(args.size);
const runs = Number(args.runs);

buildApi();
const { default: pg } = await import("pg");
const server = await startBenchPostgres("graph-bench");
let rows = [];
try {
  rows = await bench();
} finally {
  await server.stop();
}
report(rows);

async function bench() {
  const databaseUrl = await server.migratedDatabase("bench_graph");
  const api = await startBenchApi(databaseUrl);
  const base = api.url;
  try {
    const catalog = generateCatalog(size);
    // The generated catalog points at teams and systems it does not define; define the busiest ones.
    const count = (field) => catalog.reduce((m, e) => m.set(e.spec[field], (m.get(e.spec[field]) ?? 0) + 1), new Map());
    const busiest = (field) => [...count(field).entries()].sort((a, b) => b[1] - a[1])[0];
    const [team, teamSize] = busiest("owner");
    const [system, systemSize] = busiest("system");
    const dependents = new Map();
    for (const e of catalog) for (const d of e.spec.dependsOn) dependents.set(d, (dependents.get(d) ?? 0) + 1);
    const names = new Set(catalog.map((e) => `component:default/${e.metadata.name}`));
    const [popular, popularCount] = [...dependents.entries()].filter(([ref]) => names.has(ref)).sort((a, b) => b[1] - a[1])[0];
    const nameOf = (ref) => ref.slice(ref.indexOf("/") + 1);
    catalog.push(
      { apiVersion: "backstage.io/v1alpha1", kind: "Group", metadata: { name: nameOf(team) }, spec: { type: "team", children: [] } },
      { apiVersion: "backstage.io/v1alpha1", kind: "System", metadata: { name: nameOf(system) }, spec: { owner: team } },
    );
    say(`ingesting ${catalog.length} entities`);
    const res = await fetch(`${base}/api/v1/ingest?source=bench`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(catalog),
      signal: AbortSignal.timeout(900_000),
    });
    if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
    await waitForMaintenance(pg, databaseUrl);
    const cases = [
      [`team (${teamSize} owned), depth 1`, `/api/v1/entities/group/default/${nameOf(team)}/graph?depth=1`],
      [`team (${teamSize} owned), depth 2`, `/api/v1/entities/group/default/${nameOf(team)}/graph?depth=2`],
      [`team, depth 2, dependsOn only`, `/api/v1/entities/group/default/${nameOf(team)}/graph?depth=2&relation=ownedBy&relation=dependsOn`],
      [`component (${popularCount} dependents), depth 2`, `/api/v1/entities/component/default/${nameOf(popular)}/graph?depth=2`],
      [`component, depth 3`, `/api/v1/entities/component/default/${nameOf(popular)}/graph?depth=3`],
      [`component, depth 4 (worst case: walks through the hubs)`, `/api/v1/entities/component/default/${nameOf(popular)}/graph?depth=4`],
      [`system (${systemSize} parts), architecture`, `/api/v1/entities/system/default/${nameOf(system)}/architecture`],
    ];
    const out = [];
    for (const [name, url] of cases) {
      const first = await (await fetch(base + url)).json();
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = await fetch(base + url);
        await r.arrayBuffer();
        times.push(performance.now() - t0);
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
      }
      times.sort((a, b) => a - b);
      const row = { name, nodes: first.nodes.length, edges: first.edges.length, truncated: first.truncated, p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1) };
      out.push(row);
      say(`${name}: ${row.nodes} nodes, ${row.edges} edges${row.truncated ? ` (truncated: ${row.truncated.omittedNodes} nodes left out)` : ""}: p50 ${row.p50} ms, p95 ${row.p95} ms`);
    }
    return out;
  } finally {
    await api.stop();
  }
}

function report(results) {
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    `# Graph endpoints on ${size} entities (${date})`,
    "",
    `One request at a time through HTTP, ${runs} runs each after one warm-up; default limit 500 nodes. Machine: 2 shared cores.`,
    "",
    "| case | nodes | edges | truncated | p50 ms | p95 ms |",
    "|---|---|---|---|---|---|",
    ...results.map((r) => `| ${r.name} | ${r.nodes} | ${r.edges} | ${r.truncated ? `${r.truncated.omittedNodes} nodes, ${r.truncated.omittedEdges} edges` : "no"} | ${r.p50} | ${r.p95} |`),
    "",
  ];
  mkdirSync(path.join(ROOT, "bench", "reports"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench", "reports", `graph-${date}.md`), lines.join("\n"));
  say(lines.join("\n"));
}
