import { NODE_HEIGHT, NODE_WIDTH, type DiagramLayout, type Placed } from "./elk-layout";
import type { Diagram } from "./graph-model";

// Our own layered layout for large neighbourhoods, where ELK (a 1.5 MB chunk and hundreds of ms
// of main-thread work for 500 nodes) would cost more than the 2 s bar allows. It draws what the
// ELK layout drew for them, left to right along the relations, in a few milliseconds:
//
// - columns: a breadth-first walk from the root over the relations (either direction) places
//   each node one column right of the node it was reached from when the relation points away
//   from it (root -> dependency), one column left when it points towards it (dependent -> root);
// - order inside a column: the barycentre of each node's neighbours in the column towards the
//   root, a few sweeps out and back; ties keep the API's order (sorted by ref), so a star reads
//   alphabetically;
// - wrapping: a column of hundreds of nodes would leave a sliver a few pixels wide once fitted
//   to the screen, so tall columns wrap into several sub-columns, chosen so the whole diagram
//   comes out about as wide as a screen relative to its height.
// Nodes the walk does not reach (an answer with parts unconnected to the root) get a column of
// their own at the right. Every node is placed exactly once; nothing depends on chance.

/** Vertical distance between rows, horizontal between the sub-columns of one wrapped column, and between columns. */
export const ROW_GAP = 20;
export const SUB_COLUMN_GAP = 48;
export const COLUMN_GAP = 120;
/** The width : height the wrapping aims for (a landscape screen). */
export const TARGET_ASPECT = 1.6;
const SWEEPS = 2;

export function layeredLayout(diagram: Diagram): DiagramLayout {
  if (diagram.nodes.length === 0) return { positions: new Map(), width: 0, height: 0 };
  const columns = assignColumns(diagram);
  const order = orderColumns(diagram, columns);
  return place(order);
}

/** Column of every node, relative to the root's 0; unreached nodes one right of the rightmost. */
export function assignColumns(diagram: Diagram): Map<string, number> {
  const neighbours = new Map<string, { id: string; step: number }[]>(diagram.nodes.map((n) => [n.id, []]));
  for (const e of diagram.edges) {
    if (e.source === e.target) continue;
    neighbours.get(e.source)?.push({ id: e.target, step: 1 });
    neighbours.get(e.target)?.push({ id: e.source, step: -1 });
  }
  const column = new Map<string, number>();
  const start = neighbours.has(diagram.root) ? diagram.root : diagram.nodes[0]?.id;
  if (start === undefined) return column;
  column.set(start, 0);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const at = column.get(id)!;
    for (const next of neighbours.get(id)!) {
      if (column.has(next.id)) continue;
      column.set(next.id, at + next.step);
      queue.push(next.id);
    }
  }
  if (column.size < diagram.nodes.length) {
    const right = Math.max(...column.values()) + 1;
    for (const n of diagram.nodes) if (!column.has(n.id)) column.set(n.id, right);
  }
  return column;
}

/** The columns left to right, each listing its nodes top to bottom. */
export function orderColumns(diagram: Diagram, column: Map<string, number>): string[][] {
  const keys = [...new Set(column.values())].sort((a, b) => a - b);
  const byColumn = new Map<number, string[]>(keys.map((k) => [k, []]));
  for (const n of diagram.nodes) byColumn.get(column.get(n.id)!)!.push(n.id);

  const adjacent = new Map<string, string[]>(diagram.nodes.map((n) => [n.id, []]));
  for (const e of diagram.edges) {
    if (e.source === e.target) continue;
    adjacent.get(e.source)?.push(e.target);
    adjacent.get(e.target)?.push(e.source);
  }
  const index = new Map<string, number>();
  const reindex = (ids: string[]) => ids.forEach((id, i) => index.set(id, i));
  for (const ids of byColumn.values()) reindex(ids);

  // Sort one column by the mean position of its neighbours in another; a node with none there,
  // and ties, keep their place (the sort is stable).
  const sortBy = (key: number, towards: number) => {
    const ids = byColumn.get(key);
    if (!ids || !byColumn.has(towards)) return;
    const weight = new Map<string, number>();
    for (const id of ids) {
      let sum = 0;
      let count = 0;
      for (const other of adjacent.get(id)!) {
        if (column.get(other) !== towards) continue;
        sum += index.get(other)!;
        count++;
      }
      weight.set(id, count > 0 ? sum / count : index.get(id)!);
    }
    ids.sort((a, b) => weight.get(a)! - weight.get(b)!);
    reindex(ids);
  };
  const rootColumn = column.get(diagram.root) ?? 0;
  const outward = keys.filter((k) => k !== rootColumn).sort((a, b) => Math.abs(a - rootColumn) - Math.abs(b - rootColumn));
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (const k of outward) sortBy(k, k > rootColumn ? k - 1 : k + 1);
    for (const k of [...outward].reverse()) {
      const inner = k > rootColumn ? k - 1 : k + 1;
      if (inner !== rootColumn) sortBy(inner, k);
    }
  }
  return keys.map((k) => byColumn.get(k)!);
}

const ROW_PITCH = NODE_HEIGHT + ROW_GAP;
const SUB_PITCH = NODE_WIDTH + SUB_COLUMN_GAP;

/** How many rows a column may have before it wraps: the one whose diagram is closest to TARGET_ASPECT. */
export function rowsPerColumn(sizes: number[]): number {
  const tallest = Math.max(1, ...sizes);
  let best = tallest;
  let bestMiss = Infinity;
  for (let rows = tallest; rows >= 1; rows--) {
    const { width, height } = extent(sizes, rows);
    const miss = Math.abs(Math.log(width / height / TARGET_ASPECT));
    if (miss < bestMiss - 1e-9) {
      best = rows;
      bestMiss = miss;
    }
  }
  return best;
}

function extent(sizes: number[], rows: number): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const size of sizes) {
    const subColumns = Math.max(1, Math.ceil(size / rows));
    width += subColumns * SUB_PITCH - SUB_COLUMN_GAP;
    height = Math.max(height, Math.ceil(size / subColumns) * ROW_PITCH - ROW_GAP);
  }
  width += Math.max(0, sizes.length - 1) * COLUMN_GAP;
  return { width, height };
}

/**
 * Positions: each column as a block of sub-columns filled row by row (so the order inside the
 * column still runs top to bottom), blocks centred vertically, columns separated by COLUMN_GAP.
 */
export function place(columns: string[][]): DiagramLayout {
  const sizes = columns.map((c) => c.length);
  const rows = rowsPerColumn(sizes);
  const { width, height } = extent(sizes, rows);
  const positions = new Map<string, Placed>();
  let x = 0;
  for (const ids of columns) {
    const subColumns = Math.max(1, Math.ceil(ids.length / rows));
    const used = Math.ceil(ids.length / subColumns);
    const top = (height - (used * ROW_PITCH - ROW_GAP)) / 2;
    ids.forEach((id, i) => {
      const row = Math.floor(i / subColumns);
      const sub = i % subColumns;
      positions.set(id, { x: x + sub * SUB_PITCH, y: top + row * ROW_PITCH, width: NODE_WIDTH, height: NODE_HEIGHT });
    });
    x += subColumns * SUB_PITCH - SUB_COLUMN_GAP + COLUMN_GAP;
  }
  return { positions, width, height };
}
