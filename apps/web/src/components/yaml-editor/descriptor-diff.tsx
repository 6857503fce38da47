import { diffRows } from "./diff-rows";
import styles from "./descriptor-diff.module.css";

/**
 * A readable line diff: removed lines marked "−" and added "+", for eyes (colour and sign) and
 * for screen readers (the words "removed"/"added").
 */
export function DescriptorDiff({ before, after, label }: { before: string; after: string; label: string }) {
  const rows = diffRows(before, after);
  const changes = rows.filter((r) => r.kind === "added" || r.kind === "removed").length;
  if (changes === 0) return <p className="muted">No differences in the descriptor text.</p>;
  return (
    <div className={styles.diff} role="region" aria-label={label} tabIndex={0}>
      <ol className={styles.rows}>
        {rows.map((row, i) =>
          row.kind === "skipped" ? (
            <li key={i} className={styles.skipped}>
              {row.count === 1 ? "1 unchanged line" : `${row.count} unchanged lines`}
            </li>
          ) : (
            <li key={i} className={styles[row.kind]} data-diff={row.kind}>
              <span className={styles.sign} aria-hidden="true">
                {row.kind === "added" ? "+" : row.kind === "removed" ? "−" : " "}
              </span>
              {row.kind !== "same" && <span className="visually-hidden">{row.kind}: </span>}
              <code>{row.text || " "}</code>
            </li>
          ),
        )}
      </ol>
    </div>
  );
}
