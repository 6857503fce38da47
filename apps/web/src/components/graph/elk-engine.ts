import type { ElkLike } from "./elk-layout";

// ELK runs on the main thread, in a chunk of its own fetched when the first diagram needs it.
// A Web Worker was tried: Turbopack (Next 16.4) emitted `new Worker(new URL("./elk.worker.ts",
// import.meta.url))` as a raw asset instead of a bundled worker. The layout of a 500-node
// neighbourhood stays well inside the 2 s bar here (bench/reports/web-graph-*.md).

let engine: Promise<ElkLike> | undefined;

export function elkEngine(): Promise<ElkLike> {
  engine ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK());
  return engine;
}
