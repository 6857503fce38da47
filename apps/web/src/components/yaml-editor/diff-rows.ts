import { diffLines } from "diff";

export type DiffRow =
  | { kind: "same" | "added" | "removed"; text: string; oldLine?: number; newLine?: number }
  | { kind: "skipped"; count: number };

/**
 * A line diff of two texts as rows to render, with unchanged stretches longer than twice
 * `context` folded into one "n unchanged lines" row.
 */
export function diffRows(before: string, after: string, context = 2): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const text of lines) {
      if (part.added) rows.push({ kind: "added", text, newLine: newLine++ });
      else if (part.removed) rows.push({ kind: "removed", text, oldLine: oldLine++ });
      else rows.push({ kind: "same", text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return fold(rows, context);
}

function fold(rows: DiffRow[], context: number): DiffRow[] {
  const changed = rows.map((r) => r.kind !== "same");
  const near = (i: number) => {
    for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++) if (changed[j]) return true;
    return false;
  };
  const out: DiffRow[] = [];
  let skipped = 0;
  rows.forEach((row, i) => {
    if (near(i)) {
      if (skipped > 0) out.push({ kind: "skipped", count: skipped });
      skipped = 0;
      out.push(row);
    } else skipped++;
  });
  if (skipped > 0) out.push({ kind: "skipped", count: skipped });
  return out;
}

/** True when the texts differ only in nothing (same lines). */
export const sameText = (a: string, b: string) => a.replace(/\s+$/, "") === b.replace(/\s+$/, "");
