import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { checkoutArchitecture, checkoutGraph, hubGraph } from "./graph-fixtures";
import { architectureDiagram, graphDiagram } from "./graph-model";
import { LARGE_GRAPH, layoutDiagram, layoutEdges, layoutOptions, NODE_HEIGHT, NODE_WIDTH, toElkGraph } from "./elk-layout";

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("layoutDiagram", () => {
  it("places every node without overlaps, sources left of their targets", async () => {
    const diagram = graphDiagram(checkoutGraph);
    const { positions } = await layoutDiagram(new ELK(), diagram);
    const boxes = diagram.nodes.map((n) => positions.get(n.id)!);
    expect(boxes.every(Boolean)).toBe(true);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    const root = positions.get(checkoutGraph.root)!;
    for (const e of diagram.edges) expect(positions.get(e.target)!.x).toBeGreaterThan(root.x);
  });

  it("lays out 500 nodes with the cheap options", async () => {
    const diagram = graphDiagram(hubGraph(499));
    expect(layoutOptions(diagram.nodes.length)["elk.layered.thoroughness"]).toBe("1");
    expect(layoutOptions(LARGE_GRAPH)["elk.layered.thoroughness"]).toBeUndefined();
    const { positions } = await layoutDiagram(new ELK(), diagram);
    expect(positions.size).toBe(500);
    // Dependents left of the hub, dependencies right of it: the layers follow the hops.
    const hub = positions.get("component:default/hub")!;
    expect(positions.get("component:default/leaf-0")!.x).toBeLessThan(hub.x);
    expect(positions.get("component:default/leaf-1")!.x).toBeGreaterThan(hub.x);
  }, 20_000);

  it("lays a large neighbourhood out along one edge per node towards the root, and a small one along all", () => {
    const large = graphDiagram(hubGraph(499));
    const tree = layoutEdges(large);
    expect(tree).toHaveLength(499);
    expect(new Set(tree.map((e) => (e.source === large.root ? e.target : e.source))).size).toBe(499);
    expect(large.edges.length).toBeGreaterThan(tree.length);
    const small = graphDiagram(hubGraph(20));
    expect(layoutEdges(small)).toBe(small.edges);
  });

  it("nests grouped nodes inside their compartment, positioned relative to it", async () => {
    const diagram = architectureDiagram(checkoutArchitecture, { kind: "system", label: "Checkout" });
    const elkGraph = toElkGraph(diagram);
    const inside = elkGraph.children!.find((c) => c.id === "group:inside")!;
    expect(inside.children!.map((c) => c.id).sort()).toEqual(["api:default/orders-api", "component:default/checkout-service", "resource:default/commerce-db"]);
    expect(elkGraph.edges).toHaveLength(diagram.edges.length);

    const { positions } = await layoutDiagram(new ELK(), diagram);
    const group = positions.get("group:inside")!;
    const part = positions.get("component:default/checkout-service")!;
    expect(part.x + NODE_WIDTH).toBeLessThanOrEqual(group.width);
    expect(part.y + NODE_HEIGHT).toBeLessThanOrEqual(group.height);
    expect(overlaps(group, positions.get("group:outside")!)).toBe(false);
  });
});
