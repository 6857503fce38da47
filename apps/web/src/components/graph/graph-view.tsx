"use client";

import dynamic from "next/dynamic";
import type { Diagram } from "./graph-model";
import styles from "./graph.module.css";

// React Flow and ELK are loaded only here, in the browser, and only on the pages that draw a diagram.
const GraphCanvas = dynamic(() => import("./graph-canvas"), {
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
  return <GraphCanvas diagram={diagram} label={label} />;
}
