import { describe, expect, it } from "vitest";
import { node } from "./graph-fixtures";
import { hubGraph } from "./graph-fixtures";
import { graphDiagram } from "./graph-model";
import { NODE_HEIGHT, NODE_WIDTH } from "./elk-layout";
import { assignColumns, layeredLayout, orderColumns, rowsPerColumn, TARGET_ASPECT } from "./layered-layout";
import type { GraphResponse } from "@cartograph/contracts";

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectNoOverlaps(boxes: { x: number; y: number; width: number; height: number }[]) {
  // Sweep by x: only boxes whose x ranges meet can overlap.
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < sorted[i]!.x + sorted[i]!.width; j++) {
      expect(overlaps(sorted[i]!, sorted[j]!), `${JSON.stringify(sorted[i])} overlaps ${JSON.stringify(sorted[j])}`).toBe(false);
    }
  }
}

const edge = (source: string, target: string, type = "dependsOn") => ({ source, type, target });

/** root -> a -> b, c -> root, d -> a, and e unconnected to the rest. */
const chain: GraphResponse = {
  root: "component:default/root",
  nodes: ["root", "a", "b", "c", "d", "e"].map((n, i) => node(`component:default/${n}`, { distance: i === 0 ? 0 : 1 })),
  edges: [
    edge("component:default/root", "component:default/a"),
    edge("component:default/a", "component:default/b"),
    edge("component:default/c", "component:default/root"),
    edge("component:default/d", "component:default/a"),
  ],
  truncated: null,
};

describe("layeredLayout", () => {
  it("places dependencies right of what depends on them and dependents left, hop by hop", () => {
    const diagram = graphDiagram(chain);
    const columns = assignColumns(diagram);
    const col = (n: string) => columns.get(`component:default/${n}`);
    expect([col("c"), col("root"), col("a"), col("b")]).toEqual([-1, 0, 1, 2]);
    // d -> a: one left of a, so in the root's column.
    expect(col("d")).toBe(0);
    // e is not connected: a column of its own at the right.
    expect(col("e")).toBe(3);

    const { positions } = layeredLayout(diagram);
    const x = (n: string) => positions.get(`component:default/${n}`)!.x;
    expect(x("c")).toBeLessThan(x("root"));
    expect(x("root")).toBeLessThan(x("a"));
    expect(x("a")).toBeLessThan(x("b"));
    expect(x("b")).toBeLessThan(x("e"));
  });

  it("lays out 500 nodes and 1000 relations in a few milliseconds: each placed once, none overlapping, the diagram about screen-shaped", () => {
    const diagram = graphDiagram(hubGraph(499));
    // Plus cross links between leaves, so more than a star.
    const extra = graphDiagram({ ...hubGraph(499), edges: [...hubGraph(499).edges, ...Array.from({ length: 400 }, (_, i) => edge(`component:default/leaf-${i}`, `component:default/leaf-${(i * 7 + 3) % 499}`, "consumesApi"))] });
    for (const d of [diagram, extra]) {
      const started = performance.now();
      const { positions, width, height } = layeredLayout(d);
      const took = performance.now() - started;
      expect(took).toBeLessThan(50);
      expect(positions.size).toBe(500);
      expect(new Set(d.nodes.map((n) => n.id))).toEqual(new Set(positions.keys()));
      const boxes = [...positions.values()];
      expectNoOverlaps(boxes);
      for (const b of boxes) {
        expect(b).toMatchObject({ width: NODE_WIDTH, height: NODE_HEIGHT });
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(width);
        expect(b.y + b.height).toBeLessThanOrEqual(height);
      }
      // Wrapped: not one sliver column of 333 nodes.
      expect(width / height).toBeGreaterThan(TARGET_ASPECT / 2);
      expect(width / height).toBeLessThan(TARGET_ASPECT * 2);
    }
    expect(extra.edges.length).toBeGreaterThan(800);
  });

  it("keeps dependents left of the hub and dependencies right of it when columns wrap", () => {
    const diagram = graphDiagram(hubGraph(499));
    const { positions } = layeredLayout(diagram);
    const hub = positions.get("component:default/hub")!;
    for (let i = 0; i < 499; i++) {
      const leaf = positions.get(`component:default/leaf-${i}`)!;
      if (i % 3 === 0) expect(leaf.x + leaf.width).toBeLessThan(hub.x);
      else expect(leaf.x).toBeGreaterThan(hub.x + hub.width);
    }
  });

  it("is deterministic", () => {
    const a = layeredLayout(graphDiagram(hubGraph(300)));
    const b = layeredLayout(graphDiagram(hubGraph(300)));
    expect([...a.positions]).toEqual([...b.positions]);
  });

  it("orders a column by the position of its neighbours nearer the root, ties in the API's order", () => {
    // root -> p1, p2; p2 -> x; p1 -> y; p1 -> z: the second column should read y, z, x (or keep x last).
    const graph: GraphResponse = {
      root: "component:default/root",
      nodes: ["root", "p1", "p2", "x", "y", "z"].map((n) => node(`component:default/${n}`)),
      edges: [
        edge("component:default/root", "component:default/p1"),
        edge("component:default/root", "component:default/p2"),
        edge("component:default/p2", "component:default/x"),
        edge("component:default/p1", "component:default/y"),
        edge("component:default/p1", "component:default/z"),
      ],
      truncated: null,
    };
    const diagram = graphDiagram(graph);
    const columns = orderColumns(diagram, assignColumns(diagram));
    expect(columns.map((c) => c.map((id) => id.slice("component:default/".length)))).toEqual([["root"], ["p1", "p2"], ["y", "z", "x"]]);
  });

  it("wraps only when a column is much taller than the diagram is wide", () => {
    // Three columns of a handful of nodes: already wide, nothing wraps.
    expect(rowsPerColumn([3, 1, 4])).toBe(4);
    // A column of 400 wraps into many sub-columns.
    expect(rowsPerColumn([1, 400])).toBeLessThan(40);
    expect(rowsPerColumn([])).toBe(1);
  });

  it("places a lone node, and nothing for an empty diagram", () => {
    const lone = graphDiagram({ root: "component:default/root", nodes: [node("component:default/root", { distance: 0 })], edges: [], truncated: null });
    expect(layeredLayout(lone).positions.get("component:default/root")).toMatchObject({ x: 0, y: 0 });
    expect(layeredLayout({ ...lone, nodes: [] }).positions.size).toBe(0);
  });
});
