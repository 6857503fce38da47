import type { ElkExtendedEdge, ElkNode, LayoutOptions } from "elkjs/lib/elk-api";
import type { Diagram } from "./graph-model";

// ELK's layered algorithm places the diagram left to right along its relations. Node boxes have
// a fixed size, so nothing needs measuring before layout.

export const NODE_WIDTH = 216;
export const NODE_HEIGHT = 64;
const GROUP_PADDING = "[top=44,left=16,bottom=16,right=16]";

/**
 * Above this many nodes a neighbourhood is laid out by our own layered layout (layered-layout.ts,
 * a few ms for 500 nodes, no ELK chunk to fetch); ELK's passes would cost hundreds of ms.
 */
export const LARGE_GRAPH = 150;

/**
 * Whether a diagram is laid out by ELK: architecture diagrams (compartments) and neighbourhoods
 * up to LARGE_GRAPH nodes. Larger neighbourhoods never load ELK.
 */
export function usesElk(diagram: Pick<Diagram, "kind" | "nodes">): boolean {
  return diagram.kind !== "graph" || diagram.nodes.length <= LARGE_GRAPH;
}

/** What the layout needs of an ELK instance (elkjs's main class, or a fake in tests). */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramLayout {
  /** Node and group positions, relative to their group when they have one (as React Flow wants). */
  positions: Map<string, Placed>;
  width: number;
  height: number;
}

export function layoutOptions(nodeCount: number): LayoutOptions {
  const base: LayoutOptions = {
    "elk.algorithm": "layered",
    "elk.direction": "RIGHT",
    "elk.layered.spacing.nodeNodeBetweenLayers": "96",
    "elk.spacing.nodeNode": "20",
    "elk.spacing.componentComponent": "48",
    "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  };
  if (nodeCount <= LARGE_GRAPH) return base;
  // A large architecture diagram (a domain with many systems): React Flow draws its own edges,
  // so ELK's orthogonal routing and extra crossing passes buy nothing; the cheap passes keep it
  // to a fraction of the time, and with no crossing minimisation each layer keeps the API's
  // order (sorted by ref), which reads well.
  return {
    ...base,
    "elk.layered.thoroughness": "1",
    "elk.layered.layering.strategy": "LONGEST_PATH",
    "elk.layered.crossingMinimization.strategy": "NONE",
    "elk.layered.crossingMinimization.greedySwitch.type": "OFF",
    "elk.edgeRouting": "POLYLINE",
    "elk.layered.nodePlacement.strategy": "SIMPLE",
  };
}

/** The ELK input: groups as compound nodes holding their members, every edge at the top level. */
export function toElkGraph(diagram: Diagram): ElkNode {
  const leaf = (id: string): ElkNode => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT });
  const groups = new Map<string, ElkNode>(
    diagram.groups.map((g) => [g.id, { id: g.id, children: [], layoutOptions: { "elk.padding": GROUP_PADDING } }]),
  );
  const top: ElkNode[] = [];
  for (const node of diagram.nodes) {
    const group = node.group ? groups.get(node.group) : undefined;
    if (group) group.children!.push(leaf(node.id));
    else top.push(leaf(node.id));
  }
  const edges: ElkExtendedEdge[] = diagram.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] }));
  const children = [...[...groups.values()].filter((g) => g.children!.length > 0), ...top];
  return { id: "diagram", layoutOptions: layoutOptions(diagram.nodes.length), children, edges };
}

export async function layoutDiagram(elk: ElkLike, diagram: Diagram): Promise<DiagramLayout> {
  const result = await elk.layout(toElkGraph(diagram));
  const positions = new Map<string, Placed>();
  const visit = (nodes: ElkNode[] | undefined) => {
    for (const n of nodes ?? []) {
      positions.set(n.id, { x: n.x ?? 0, y: n.y ?? 0, width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT });
      visit(n.children);
    }
  };
  visit(result.children);
  return { positions, width: result.width ?? 0, height: result.height ?? 0 };
}
