import type { GraphResponse } from "@cartograph/contracts";
import type { ReactNode } from "react";
import { DiagramPrefetch } from "./diagram-prefetch";
import { GraphLegend } from "./graph-legend";
import { GraphLists } from "./graph-lists";
import type { Diagram } from "./graph-model";
import { GraphView } from "./graph-view";
import styles from "./graph.module.css";

/**
 * A diagram with everything around it: the truncation notice (nothing is dropped silently), the
 * drawing, its legend, and the same content as a list. `empty` replaces the drawing when the
 * entity stands alone.
 */
export function DiagramSection({
  diagram,
  truncated,
  label,
  narrow,
  empty,
}: {
  diagram: Diagram;
  truncated: GraphResponse["truncated"];
  label: string;
  /** How to see less, shown with the truncation notice. */
  narrow: ReactNode;
  empty: ReactNode | null;
}) {
  return (
    <>
      {truncated && (
        <div className={`panel notice ${styles.notice}`} role="note" aria-labelledby="graph-truncated-heading" data-testid="graph-truncated">
          <h3 id="graph-truncated-heading">Not everything fits</h3>
          <p>
            This view is limited to {truncated.limit} nodes: {truncated.omittedNodes} more {truncated.omittedNodes === 1 ? "node" : "nodes"} and{" "}
            {truncated.omittedEdges} more {truncated.omittedEdges === 1 ? "relation" : "relations"} were reachable but are not shown.
          </p>
          <p>{narrow}</p>
        </div>
      )}
      {diagram.unshownEdges > 0 && (
        <p className="panel notice" role="note">
          {diagram.unshownEdges} {diagram.unshownEdges === 1 ? "relation" : "relations"} in the API&apos;s answer pointed at nodes it did not include and
          cannot be drawn.
        </p>
      )}
      {empty ?? (
        <>
          <GraphView diagram={diagram} label={label} />
          <GraphLegend diagram={diagram} />
        </>
      )}
      <GraphLists diagram={diagram} />
    </>
  );
}

export function DiagramLoading({ what }: { what: string }) {
  return (
    <div className={styles.canvas} aria-busy="true">
      <p className={styles.canvasMessage} role="status">
        Loading the {what}…
      </p>
      <DiagramPrefetch />
    </div>
  );
}
