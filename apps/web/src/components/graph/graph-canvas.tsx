"use client";

import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  type Edge,
  type Node,
  type NodeMouseHandler,
} from "@xyflow/react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { elkEngine } from "./elk-engine";
import { layoutDiagram, NODE_HEIGHT, NODE_WIDTH, type DiagramLayout } from "./elk-layout";
import { CompartmentNode, EntityNode, type CompartmentNodeType, type EntityNodeType } from "./graph-nodes";
import type { Diagram } from "./graph-model";
import { relationStroke } from "./relation-style";
import styles from "./graph.module.css";

// Loaded only through graph-view.tsx's dynamic import: React Flow and ELK never reach other pages.

/** Above this many edges the labels would cover the drawing; type stays readable from colour, dash and legend. */
export const EDGE_LABEL_LIMIT = 150;
const MINIMAP_FROM = 25;

const nodeTypes = { entity: EntityNode, compartment: CompartmentNode };

type State = { phase: "layout" } | { phase: "drawn"; layout: DiagramLayout; run: number } | { phase: "error"; message: string };

/** Steps of drawing, as performance marks (the benchmark reads them; devtools show them). */
const mark = (name: string) => performance.mark(`graph:${name}`);

// This module only ever loads in the browser (graph-view.tsx imports it with ssr: false): start
// fetching the layout engine now, alongside React Flow, rather than after the first render.
if (typeof window !== "undefined") void elkEngine();
let runs = 0;

export default function GraphCanvas({ diagram, label }: { diagram: Diagram; label: string }) {
  const [state, setState] = useState<State>({ phase: "layout" });

  useEffect(() => {
    let live = true;
    setState({ phase: "layout" });
    const run = ++runs;
    mark("layout-start");
    elkEngine().then((elk) => layoutDiagram(elk, diagram)).then(
      (layout) => {
        mark("layout-end");
        if (live) setState({ phase: "drawn", layout, run });
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
      <div className={styles.canvas} data-testid="graph-canvas" data-graph-state="layout" role="group" aria-label={label} aria-busy="true">
        <p className={styles.canvasOverlay} role="status">
          Laying out {diagram.nodes.length} nodes…
        </p>
      </div>
    );
  }
  // A new layout mounts a new flow: React Flow keeps the nodes itself (uncontrolled), which is
  // what its fitView() waits on, and it saves a change round-trip per measured node.
  return (
    <ReactFlowProvider key={state.run}>
      <Flow diagram={diagram} layout={state.layout} label={label} />
    </ReactFlowProvider>
  );
}

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
    };
  });
  // React Flow wants a parent before its children.
  return { nodes: [...compartments, ...entities], edges };
}

function Flow({ diagram, layout, label }: { diagram: Diagram; layout: DiagramLayout; label: string }) {
  const router = useRouter();
  const flow = useMemo(() => toFlow(diagram, layout), [diagram, layout]);
  const initialised = useNodesInitialized();
  const { fitView } = useReactFlow();
  /** When the diagram became interactive, in ms since navigation start (performance.now()): read by the benchmark. */
  const [readyAt, setReadyAt] = useState<number | null>(null);
  const ready = readyAt !== null;

  useEffect(() => {
    mark("flow-mounted");
  }, []);
  useEffect(() => {
    if (!initialised) return;
    mark("nodes-measured");
    let frame = 0;
    void fitView({ padding: 0.1, minZoom: 0.02, maxZoom: 1.25 }).then(() => {
      // One frame after the fitted view is painted, the diagram answers to pointer and keys.
      frame = requestAnimationFrame(() => {
        mark("ready");
        setReadyAt(Math.round(performance.now()));
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [initialised, fitView]);

  const go = (href: unknown) => {
    if (typeof href === "string") router.push(href);
  };
  const onNodeClick: NodeMouseHandler = (_event, node) => {
    if (node.type === "entity") go((node.data as { href: string }).href);
  };
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
      <ReactFlow
        defaultNodes={flow.nodes}
        defaultEdges={flow.edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        minZoom={0.02}
        maxZoom={2}
        onNodeClick={onNodeClick}
        colorMode="system"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="top-left" />
        {diagram.nodes.length >= MINIMAP_FROM && (
          <MiniMap pannable zoomable ariaLabel="Overview of the whole diagram" nodeClassName={(n) => (n.type === "compartment" ? styles.miniGroup! : styles.miniNode!)} />
        )}
      </ReactFlow>
      {!ready && (
        <p className={styles.canvasOverlay} role="status">
          Drawing {diagram.nodes.length} nodes…
        </p>
      )}
    </div>
  );
}
