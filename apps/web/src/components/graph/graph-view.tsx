"use client";

import dynamic from "next/dynamic";
import { elkEngine } from "./elk-engine";
import { usesElk } from "./elk-layout";
import type { Diagram } from "./graph-model";
import styles from "./graph.module.css";

// React Flow and ELK are loaded only here, in the browser, and only on the pages that draw a diagram.
let canvas: ReturnType<typeof importCanvas> | undefined;
const importCanvas = () => import("./graph-canvas");

/** Starts fetching React Flow (once); diagram-prefetch.tsx calls it from the page's first bytes. */
export function loadCanvas() {
  canvas ??= importCanvas();
  return canvas;
}

const GraphCanvas = dynamic(loadCanvas, {
  ssr: false,
  loading: () => (
    <div className={styles.canvas} data-graph-state="loading" aria-busy="true">
      <p className={styles.canvasMessage} role="status">
        Loading the diagram…
      </p>
    </div>
  ),
});

export function GraphView({ diagram, label }: { diagram: Diagram; label: string }) {
  // ELK only for the diagrams it lays out (small neighbourhoods, architectures), fetched alongside React Flow.
  if (typeof window !== "undefined" && usesElk(diagram)) void elkEngine();
  return <GraphCanvas diagram={diagram} label={label} />;
}
