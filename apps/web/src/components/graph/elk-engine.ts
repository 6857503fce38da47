import type { ElkLike } from "./elk-layout";

// ELK runs on the main thread, in a chunk of its own fetched when the first diagram needs it
// (graph-view.tsx starts the fetch for the diagrams ELK lays out; large neighbourhoods never load it).
// A Web Worker was tried: Turbopack (Next 16.4) emitted `new Worker(new URL("./elk.worker.ts",
// import.meta.url))` as a raw asset instead of a bundled worker. ELK now lays out at most 150
// nodes of a neighbourhood, or an architecture diagram.

let engine: Promise<ElkLike> | undefined;

export function elkEngine(): Promise<ElkLike> {
  engine ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK());
  return engine;
}
