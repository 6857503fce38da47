"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  getViewportForBounds,
  MarkerType,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
  type NodeMouseHandler,
  type Viewport,
} from "@xyflow/react";
import { useRouter } from "next/navigation";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { elkEngine } from "./elk-engine";
import { layoutDiagram, NODE_HEIGHT, NODE_WIDTH, usesElk, type DiagramLayout } from "./elk-layout";
import { CompartmentNode, EntityNode, type CompartmentNodeType, type EntityNodeType } from "./graph-nodes";
import type { Diagram } from "./graph-model";
import { layeredLayout } from "./layered-layout";
import { relationStroke } from "./relation-style";
import styles from "./graph.module.css";

// Loaded only through graph-view.tsx's dynamic import: React Flow and ELK never reach other pages.

/** Above this many edges the labels would cover the drawing; type stays readable from colour, dash and legend. */
export const EDGE_LABEL_LIMIT = 150;
const MINIMAP_FROM = 25;

const nodeTypes = { entity: EntityNode, compartment: CompartmentNode };

type Size = { width: number; height: number };
type State = { phase: "layout" } | { phase: "drawn"; layout: DiagramLayout; size: Size; run: number } | { phase: "error"; message: string };

/** Steps of drawing, as performance marks (the benchmark reads them; devtools show them). */
const mark = (name: string) => performance.mark(`graph:${name}`);

const FIT_PADDING = 0.1;
const MIN_ZOOM = 0.02;
const FIT_MAX_ZOOM = 1.25;

let runs = 0;

/** A large neighbourhood is laid out at once by our own layout; anything else by ELK, fetched on first use. */
function layout(diagram: Diagram): Promise<DiagramLayout> {
  if (!usesElk(diagram)) return Promise.resolve(layeredLayout(diagram));
  return elkEngine().then((elk) => layoutDiagram(elk, diagram));
}

export default function GraphCanvas({ diagram, label }: { diagram: Diagram; label: string }) {
  const [state, setState] = useState<State>({ phase: "layout" });
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setState({ phase: "layout" });
    const run = ++runs;
    mark("layout-start");
    layout(diagram).then(
      (laidOut) => {
        mark("layout-end");
        // The flow opens already fitted to the box the diagram is drawn in (same size as this one).
        const rect = box.current?.getBoundingClientRect();
        const size = { width: rect?.width || 800, height: rect?.height || 600 };
        if (live) setState({ phase: "drawn", layout: laidOut, size, run });
      },
      (error: unknown) => live && setState({ phase: "error", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [diagram]);

  if (state.phase === "error") {
    return (
      <div className={styles.canvasMessage} role="alert" data-graph-state="error">
        The diagram could not be laid out ({state.message}). The list below has the same nodes and relations.
      </div>
    );
  }
  if (state.phase === "layout") {
    return (
      <div ref={box} className={styles.canvas} data-testid="graph-canvas" data-graph-state="layout" role="group" aria-label={label} aria-busy="true">
        <p className={styles.canvasOverlay} role="status">
          Laying out {diagram.nodes.length} nodes…
        </p>
      </div>
    );
  }
  // A new layout mounts a new flow: React Flow keeps the nodes itself (uncontrolled), and it
  // saves a change round-trip per node.
  return (
    <ReactFlowProvider key={state.run}>
      <Flow diagram={diagram} layout={state.layout} size={state.size} label={label} />
    </ReactFlowProvider>
  );
}

/** The viewport that fits the whole layout into a box of `size`, as React Flow's fitView would. */
export function fittedViewport(layout: DiagramLayout, size: Size): Viewport {
  const bounds = { x: 0, y: 0, width: Math.max(layout.width, 1), height: Math.max(layout.height, 1) };
  return getViewportForBounds(bounds, size.width, size.height, MIN_ZOOM, FIT_MAX_ZOOM, FIT_PADDING);
}

/** Where EntityNode's two handles sit: the middle of its left and right sides. */
const ENTITY_HANDLES: NonNullable<Node["handles"]> = [
  { type: "target", position: Position.Left, x: 0, y: NODE_HEIGHT / 2 - 0.5, width: 1, height: 1 },
  { type: "source", position: Position.Right, x: NODE_WIDTH - 1, y: NODE_HEIGHT / 2 - 0.5, width: 1, height: 1 },
];

function toFlow(diagram: Diagram, layout: DiagramLayout): { nodes: Node[]; edges: Edge[] } {
  const at = (id: string) => layout.positions.get(id) ?? { x: 0, y: 0, width: NODE_WIDTH, height: NODE_HEIGHT };
  const compartments: CompartmentNodeType[] = diagram.groups
    .filter((g) => layout.positions.has(g.id))
    .map((g) => {
      const p = at(g.id);
      return {
        id: g.id,
        type: "compartment",
        position: { x: p.x, y: p.y },
        width: p.width,
        height: p.height,
        measured: { width: p.width, height: p.height },
        data: { label: g.label, external: g.external },
        selectable: false,
        focusable: false,
        zIndex: -1,
      };
    });
  const entities: EntityNodeType[] = diagram.nodes.map((n) => {
    const p = at(n.id);
    const description = `${n.kindLabel} ${n.label}${n.root ? " (this entity)" : ""}${n.exists ? "" : ", not in catalog"}${n.external ? ", outside" : ""}`;
    return {
      id: n.id,
      type: "entity",
      position: { x: p.x, y: p.y },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      // Sizes and handles known up front: React Flow draws nodes and edges in its first render
      // instead of measuring 500 nodes first (the boxes are fixed in CSS, graph.module.css .node).
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      handles: ENTITY_HANDLES,
      ...(n.group && layout.positions.has(n.group) ? { parentId: n.group } : {}),
      data: n,
      ariaLabel: description,
      domAttributes: { "data-href": n.href } as Node["domAttributes"],
    };
  });
  const labelled = diagram.edges.length <= EDGE_LABEL_LIMIT;
  const edges: Edge[] = diagram.edges.map((e) => {
    const stroke = relationStroke(e.type);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      label: labelled ? e.label : undefined,
      className: styles.edge,
      style: { stroke: stroke.color, strokeDasharray: stroke.dash, strokeWidth: 1.6 },
      markerEnd: { type: MarkerType.ArrowClosed, color: stroke.color, width: 18, height: 18 },
      labelStyle: { fill: "var(--text)", fontSize: 11 },
      labelBgStyle: { fill: "var(--surface)" },
      ariaLabel: `${e.source} ${e.label} ${e.target}`,
      // Edges are not clickable here: no invisible wide path per edge to hit-test and paint.
      interactionWidth: 0,
    };
  });
  // React Flow wants a parent before its children.
  return { nodes: [...compartments, ...entities], edges };
}

function Flow({ diagram, layout, size, label }: { diagram: Diagram; layout: DiagramLayout; size: Size; label: string }) {
  const router = useRouter();
  const flow = useMemo(() => toFlow(diagram, layout), [diagram, layout]);
  const viewport = useMemo(() => fittedViewport(layout, size), [layout, size]);
  /** When the diagram became interactive, in ms since navigation start (performance.now()): read by the benchmark. */
  const [readyAt, setReadyAt] = useState<number | null>(null);
  const ready = readyAt !== null;

  useEffect(() => {
    mark("flow-mounted");
    // Nodes and edges are in the DOM, already fitted. Ready once the frame showing them has been
    // painted: the task after the next animation frame.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        mark("ready");
        setReadyAt(Math.round(performance.now()));
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  const go = useCallback(
    (href: unknown) => {
      if (typeof href === "string") router.push(href);
    },
    [router],
  );
  const onNodeClick = useCallback<NodeMouseHandler>(
    (_event, node) => {
      if (node.type === "entity") go((node.data as { href: string }).href);
    },
    [go],
  );
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "Enter") return;
    const target = event.target as HTMLElement;
    if (target.classList.contains("react-flow__node")) go(target.dataset.href);
  };

  return (
    <div
      className={styles.canvas}
      data-testid="graph-canvas"
      data-graph-state={ready ? "ready" : "layout"}
      data-ready-at={readyAt ?? undefined}
      data-node-count={diagram.nodes.length}
      data-edge-count={diagram.edges.length}
      onKeyDown={onKeyDown}
      role="group"
      aria-label={label}
      aria-busy={!ready}
    >
      <Drawing nodes={flow.nodes} edges={flow.edges} viewport={viewport} onNodeClick={onNodeClick} minimap={ready && diagram.nodes.length >= MINIMAP_FROM} />
      {!ready && (
        <p className={styles.canvasOverlay} role="status">
          Drawing {diagram.nodes.length} nodes…
        </p>
      )}
    </div>
  );
}

const miniNodeClass = (n: Node) => (n.type === "compartment" ? styles.miniGroup! : styles.miniNode!);

/**
 * React Flow itself; memoised, so becoming ready does not re-render 500 nodes. The minimap (a
 * second drawing of every node) joins once the diagram itself is on screen.
 */
const Drawing = memo(function Drawing({
  nodes,
  edges,
  viewport,
  onNodeClick,
  minimap,
}: {
  nodes: Node[];
  edges: Edge[];
  viewport: Viewport;
  onNodeClick: NodeMouseHandler;
  minimap: boolean;
}) {
  return (
    <ReactFlow
      defaultNodes={nodes}
      defaultEdges={edges}
      defaultViewport={viewport}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      elementsSelectable
      minZoom={MIN_ZOOM}
      maxZoom={2}
      onNodeClick={onNodeClick}
      colorMode="system"
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} position="top-left" fitViewOptions={{ padding: FIT_PADDING, minZoom: MIN_ZOOM, maxZoom: FIT_MAX_ZOOM }} />
      {minimap && <MiniMap pannable zoomable ariaLabel="Overview of the whole diagram" nodeClassName={miniNodeClass} />}
    </ReactFlow>
  );
});
