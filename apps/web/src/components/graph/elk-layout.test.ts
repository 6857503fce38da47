import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { checkoutArchitecture, checkoutGraph, hubGraph } from "./graph-fixtures";
import { architectureDiagram, graphDiagram } from "./graph-model";
import { LARGE_GRAPH, layoutDiagram, layoutOptions, NODE_HEIGHT, NODE_WIDTH, toElkGraph, usesElk } from "./elk-layout";

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

  it("leaves large neighbourhoods to the layered layout, and uses its cheap passes for large architectures", () => {
    expect(usesElk(graphDiagram(hubGraph(LARGE_GRAPH - 1)))).toBe(true);
    expect(usesElk(graphDiagram(hubGraph(LARGE_GRAPH)))).toBe(false);
    expect(usesElk({ kind: "architecture", nodes: graphDiagram(hubGraph(499)).nodes })).toBe(true);
    expect(layoutOptions(LARGE_GRAPH + 1)["elk.layered.thoroughness"]).toBe("1");
    expect(layoutOptions(LARGE_GRAPH)["elk.layered.thoroughness"]).toBeUndefined();
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
