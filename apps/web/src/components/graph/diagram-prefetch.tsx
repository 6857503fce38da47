"use client";

import { loadCanvas } from "./graph-view";

// Rendered with the loading state of a diagram, which is in the page's shell (sent before the
// graph itself is read from the API): React Flow's chunk is fetched and evaluated while the
// server is still rendering the graph, instead of after it arrives.
if (typeof window !== "undefined") void loadCanvas();

export function DiagramPrefetch() {
  return null;
}
