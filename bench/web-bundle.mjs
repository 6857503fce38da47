#!/usr/bin/env node
// The explore page's first-load JavaScript, from the last `next build` (apps/web/.next); builds
// nothing itself. Next 16 with Turbopack no longer prints per-route sizes, so this reads what the
// browser is told to load on a first visit to `/`: the framework's root main files
// (build-manifest.json) plus the client chunks of every segment the route renders (layout, page,
// loading, error, not-found: the `entryJSFiles` of its client reference manifest). Each file is
// counted once, gzip-compressed at level 9 like a CDN would. Polyfills are left out: they are
// served with `nomodule`, which modern browsers skip. Fails (exit 1) above the budget.
//   node bench/web-bundle.mjs [--route=/page] [--budget-kb=250] [--markdown]
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NEXT = path.join(ROOT, "apps", "web", ".next");
const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const route = arg("route", "/page");
const budgetKb = Number(arg("budget-kb", "250"));
const markdown = process.argv.includes("--markdown");

function fail(message) {
  console.error(message);
  process.exit(2);
}

if (!existsSync(path.join(NEXT, "build-manifest.json"))) fail(`No build in ${NEXT}: run \`npm run build -w @cartograph/web\` first.`);
const buildManifest = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8"));

// The client reference manifest is a script that assigns globalThis.__RSC_MANIFEST[route].
const manifestFile = path.join(NEXT, "server", "app", `${route.replace(/^\//, "")}_client-reference-manifest.js`);
if (!existsSync(manifestFile)) fail(`No client reference manifest for ${route} at ${manifestFile}.`);
const sandbox = { __RSC_MANIFEST: {} };
new Function("globalThis", readFileSync(manifestFile, "utf8"))(sandbox);
const rsc = sandbox.__RSC_MANIFEST[route];
if (!rsc?.entryJSFiles) fail(`${manifestFile} has no entryJSFiles for ${route}; the manifest format changed.`);

const files = new Map(); // file -> what needs it
const need = (file, why) => {
  const rel = file.replace(/^\/?_next\//, "").replace(/^\//, "");
  if (!files.has(rel)) files.set(rel, why);
};
for (const file of buildManifest.rootMainFiles ?? []) need(file, "framework (root main files)");
for (const [segment, chunks] of Object.entries(rsc.entryJSFiles)) {
  for (const file of chunks) need(file, segment.replace(/^\[project\]\//, ""));
}

const rows = [...files].map(([file, why]) => {
  const bytes = readFileSync(path.join(NEXT, file));
  return { file, why, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
const kb = (n) => (n / 1024).toFixed(1);
const ok = total.gzip <= budgetKb * 1024;

if (markdown) {
  console.log(`| file | needed by | raw KB | gzip KB |\n| --- | --- | ---: | ---: |`);
  for (const r of rows) console.log(`| ${r.file} | ${r.why} | ${kb(r.raw)} | ${kb(r.gzip)} |`);
  console.log(`| **total** | | **${kb(total.raw)}** | **${kb(total.gzip)}** |`);
} else {
  for (const r of rows) console.log(`${kb(r.gzip).padStart(8)} KB gzip ${kb(r.raw).padStart(8)} KB raw  ${r.file}  (${r.why})`);
}
console.log(`\nFirst-load JS of ${route === "/page" ? "the explore page (/)" : route}: ${kb(total.gzip)} KB gzip (${kb(total.raw)} KB raw) in ${rows.length} files; budget ${budgetKb} KB: ${ok ? "within" : "OVER"}.`);
process.exit(ok ? 0 : 1);
