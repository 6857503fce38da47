"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { DiagramNode } from "./graph-model";
import { KindIcon } from "./kind-icon";
import styles from "./graph.module.css";

export type EntityNodeType = Node<DiagramNode, "entity">;
export type CompartmentNodeType = Node<{ label: string; external: boolean }, "compartment">;

/** One entity: kind, title, name; the root stands out, a dangling target is dashed and says so. */
export function EntityNode({ data }: NodeProps<EntityNodeType>) {
  const classes = [styles.node, data.root && styles.root, !data.exists && styles.dangling, data.external && styles.external].filter(Boolean).join(" ");
  return (
    <div className={classes} data-kind={data.kind}>
      <Handle type="target" position={Position.Left} isConnectable={false} className={styles.handle} />
      <span className={styles.nodeTop}>
        <span className={styles.kind}>
          <KindIcon kind={data.kind} />
          {data.kindLabel}
        </span>
        {data.root && <span className={styles.flag}>this entity</span>}
        {!data.exists && <span className={styles.flagDangling}>not in catalog</span>}
      </span>
      <span className={styles.nodeLabel} title={data.label}>
        {data.label}
      </span>
      {data.secondary && <span className={styles.nodeSecondary}>{data.secondary}</span>}
      <Handle type="source" position={Position.Right} isConnectable={false} className={styles.handle} />
    </div>
  );
}

/** A compartment of an architecture diagram: the system's parts, or what lies outside it. */
export function CompartmentNode({ data }: NodeProps<CompartmentNodeType>) {
  return (
    <div className={`${styles.compartment} ${data.external ? styles.compartmentOutside : ""}`}>
      <span className={styles.compartmentLabel}>{data.label}</span>
    </div>
  );
}
