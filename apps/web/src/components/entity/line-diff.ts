import { structuredPatch } from "diff";

export type DiffRow =
  | { type: "context"; oldLine: number; newLine: number; text: string }
  | { type: "removed"; oldLine: number; text: string }
  | { type: "added"; newLine: number; text: string }
  /** Unchanged lines left out between two changes (or before the first, after the last). */
  | { type: "skipped"; count: number };

export interface LineDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
}

const lineCount = (text: string) => (text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0));

/**
 * A unified line diff of two texts: changed lines with `context` unchanged lines around them,
 * the unchanged stretches in between collapsed to a count.
 */
export function lineDiff(before: string, after: string, context = 3): LineDiff {
  const patch = structuredPatch("before", "after", before, after, undefined, undefined, { context });
  const rows: DiffRow[] = [];
  let added = 0;
  let removed = 0;
  let nextOld = 1;
  for (const hunk of patch.hunks) {
    // jsdiff numbers an empty side by the line that would follow, so no adjustment is needed.
    const oldStart = hunk.oldStart;
    if (oldStart > nextOld) rows.push({ type: "skipped", count: oldStart - nextOld });
    let oldLine = oldStart;
    let newLine = hunk.newStart;
    for (const line of hunk.lines) {
      const marker = line[0];
      const text = line.slice(1);
      if (marker === "-") {
        rows.push({ type: "removed", oldLine: oldLine++, text });
        removed++;
      } else if (marker === "+") {
        rows.push({ type: "added", newLine: newLine++, text });
        added++;
      } else if (marker === " ") {
        rows.push({ type: "context", oldLine: oldLine++, newLine: newLine++, text });
      }
      // "\ No newline at end of file" is jsdiff's note, not a line of either text.
    }
    nextOld = oldLine;
  }
  const total = lineCount(before);
  if (patch.hunks.length > 0 && total >= nextOld) rows.push({ type: "skipped", count: total - nextOld + 1 });
  return { rows, added, removed };
}
