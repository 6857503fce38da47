#!/usr/bin/env node
// `npm run bench:cluster [-- --size 10000 --step 20 --soak 10]`: the API's read path through the
// HAProxy load balancer of `npm run cluster`, with 1, 2 and 3 API replicas (closed loop: what
// the machine can do), then a soak at 70% of the best throughput (open loop: requests arrive at a
// fixed rate) with every replica's memory sampled. Writes bench/reports/cluster-<date>.md/.json.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startCluster, waitUntilReady } from "../deploy/local/cluster.mjs";
import { ROOT, say } from "../deploy/local/lib.mjs";
import { generateCatalog } from "./generate.mjs";
import { runHttpLoad, runOpenLoad, waitForMaintenance } from "./load.mjs";
import { BENCH_TOKEN, ingestThroughApi, startBenchPostgres } from "./stack.mjs";

const { values: args } = parseArgs({
  options: {
    size: { type: "string", default: "10000" },
    step: { type: "string", default: "20" },
    soak: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
  },
});
const size = Number(args.size);
const stepMs = Number(args.step) * 1000;
const soakMs = Number(args.soak) * 60_000;
const connections = Number(args.connections);

const rssMb = (pid) => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
};

/** CPU seconds (user+system) a process has used so far. */
const cpuSeconds = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
};

const { default: pg } = await import("pg");
const server = await startBenchPostgres("bench-cluster");
let cluster;
const report = { date: new Date().toISOString().slice(0, 10), size, stepSeconds: stepMs / 1000, connections, steps: [], soak: undefined };
try {
  const databaseUrl = await server.migratedDatabase("bench_cluster");
  cluster = await startCluster({
    apiReplicas: 3,
    webReplicas: 1,
    database: { url: databaseUrl, stop: async () => {} },
    seed: false,
    adminToken: BENCH_TOKEN,
    apiEnv: { ANONYMOUS_READ: "true", API_RATE_LIMIT_PER_MINUTE: "0" },
    webEnv: { ANONYMOUS_READ: "true" },
    dataDir: path.join(ROOT, ".data", "bench-cluster"),
  });
  const catalog = generateCatalog(size);
  const seconds = await ingestThroughApi(cluster.apiUrl, catalog);
  say(`ingested ${size} entities through the load balancer in ${seconds.toFixed(1)} s`);
  await waitForMaintenance(pg, databaseUrl);

  const names = catalog.map((e) => e.metadata.name);
  let i = 0;
  const next = () => {
    i += 1;
    const name = names[(i * 7919) % names.length];
    switch (i % 4) {
      case 0:
        return "/api/v1/entities?kind=component&lifecycle=production&limit=20&sort=name";
      case 1:
        return `/api/v1/entities/component/default/${name}/relations`;
      default:
        return `/api/v1/entities/component/default/${name}`;
    }
  };
  const read = `${cluster.apiUrl}`;
  // Warm every replica's caches and JIT before measuring.
  await runHttpLoad({ baseUrl: read, nextRequest: next, connections, durationMs: 5_000 });

  const [, second, third] = cluster.apis;
  await third.stop();
  await second.stop();
  await new Promise((r) => setTimeout(r, 1_500)); // HAProxy marks them down
  for (const count of [1, 2, 3]) {
    if (count === 2) await second.start().then(() => waitUntilReady(second));
    if (count === 3) await third.start().then(() => waitUntilReady(third));
    const live = cluster.apis.slice(0, count);
    const cpuBefore = live.map((r) => cpuSeconds(r.pid));
    const result = await runHttpLoad({ baseUrl: read, nextRequest: next, connections, durationMs: stepMs });
    const cpu = live.map((r, k) => +((cpuSeconds(r.pid) - cpuBefore[k]) / (stepMs / 1000)).toFixed(2));
    report.steps.push({ replicas: count, ...result, apiCpuCores: cpu });
    say(`${count} API replica(s): ${result.throughput} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}; API CPU per replica (cores) ${cpu.join(", ")}`);
  }

  const best = Math.max(...report.steps.map((s) => s.throughput));
  const rate = Math.round(best * 0.7);
  say(`\nsoak: ${rate} req/s (70% of ${best}) for ${soakMs / 60_000} min through 3 API replicas ...`);
  const memory = [];
  const sample = () => memory.push({ atSeconds: Math.round((performance.now() - soakStarted) / 1000), api: cluster.apis.map((r) => rssMb(r.pid)), web: cluster.webs.map((r) => rssMb(r.pid)) });
  const soakStarted = performance.now();
  const exitsBefore = cluster.apis.map((r) => r.exits);
  sample();
  const sampler = setInterval(sample, 30_000);
  const windows = [];
  const soak = await runOpenLoad({
    baseUrl: read,
    nextRequest: next,
    rate,
    durationMs: soakMs,
    onWindow: (w) => {
      windows.push(w);
      say(`  ${w.atSeconds} s: ${w.throughput} req/s, p50 ${w.p50} ms, p99 ${w.p99} ms, errors ${w.errors}, dropped ${w.dropped}; API RSS MB ${memory.at(-1).api.join(", ")}`);
    },
  });
  clearInterval(sampler);
  sample();
  report.soak = { rate, best, ...soak, windows, memory, apiExits: cluster.apis.map((r, k) => r.exits - exitsBefore[k]) };
  say(`soak: ${soak.requests} requests, errors ${soak.errors}, dropped ${soak.dropped}, p99 ${soak.p99} ms`);
} finally {
  await cluster?.stop();
  await server.stop();
}
writeReport(report);

function writeReport(r) {
  const outDir = path.join(ROOT, "bench", "reports");
  mkdirSync(outDir, { recursive: true });
  const lines = [
    `# Read path through the load balancer, ${r.date}`,
    "",
    `Machine: ${process.platform} ${process.arch}, ${cpus().length} cores, Node ${process.version}. \`npm run bench:cluster\`: PostgreSQL (embedded), HAProxy, 3 API replicas and 1 web replica on 127.0.0.1, started by the same code as \`npm run cluster\`; ${r.size.toLocaleString("en-US")} generated components ingested through the API. Reads are anonymous (ANONYMOUS_READ=true, rate limit off): half entity gets, a quarter relations, a quarter filtered lists. The load generator, HAProxy, PostgreSQL and every replica share the same ${cpus().length} cores.`,
    "",
    `## Scaling the API tier (closed loop, ${r.connections} keep-alive connections, ${r.stepSeconds} s per step)`,
    "",
    "| API replicas | req/s | p50 ms | p99 ms | errors | CPU per API replica (cores) |",
    "| ---: | ---: | ---: | ---: | ---: | --- |",
    ...r.steps.map((s) => `| ${s.replicas} | ${s.throughput} | ${s.p50} | ${s.p99} | ${s.errors} | ${s.apiCpuCores.join(", ")} |`),
    "",
  ];
  if (r.soak) {
    const s = r.soak;
    const first = s.memory[1] ?? s.memory[0];
    const last = s.memory.at(-1);
    lines.push(
      `## Soak: ${s.rate} req/s (70% of ${s.best}) for ${Math.round(s.windows.reduce((a, w) => a + w.requests, 0) / s.rate / 60)} min, open loop, 3 API replicas`,
      "",
      `Requests: ${s.requests}, errors: **${s.errors}**, not sent because ${256} were already outstanding: ${s.dropped}; p50 ${s.p50} ms, p99 ${s.p99} ms. API replica exits during the soak: ${s.apiExits.join(", ")}.`,
      "",
      "| minute | req/s | p50 ms | p99 ms | errors | dropped |",
      "| ---: | ---: | ---: | ---: | ---: | ---: |",
      ...s.windows.map((w, k) => `| ${k + 1} | ${w.throughput} | ${w.p50} | ${w.p99} | ${w.errors} | ${w.dropped} |`),
      "",
      "Resident memory per process (MB), sampled every 30 s:",
      "",
      `| at s | ${s.memory[0].api.map((_, k) => `api-${k + 1}`).join(" | ")} | web-1 |`,
      `| ---: | ${s.memory[0].api.map(() => "---:").join(" | ")} | ---: |`,
      ...s.memory.map((m) => `| ${m.atSeconds} | ${m.api.join(" | ")} | ${m.web.join(" | ")} |`),
      "",
      `From the first sample after warm-up to the last: ${first.api.map((mb, k) => `api-${k + 1} ${mb} → ${last.api[k]} MB`).join(", ")}.`,
      "",
    );
  }
  writeFileSync(path.join(outDir, `cluster-${r.date}.md`), `${lines.join("\n")}\n`);
  writeFileSync(path.join(outDir, `cluster-${r.date}.json`), `${JSON.stringify(r, null, 2)}\n`);
  say(`\nreport: bench/reports/cluster-${r.date}.md`);
}
