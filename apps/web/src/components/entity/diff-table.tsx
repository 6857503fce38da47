import type { LineDiff } from "./line-diff";
import styles from "./entity.module.css";

const MARK = { added: "+", removed: "−", context: " " } as const;
const SAY = { added: "Added", removed: "Removed", context: "Unchanged" } as const;

/**
 * A unified line diff as a table: old and new line numbers, a +/− marker with the change said in
 * words for screen readers (colour is only a hint), and collapsed unchanged stretches.
 */
export function DiffTable({ diff, caption }: { diff: LineDiff; caption: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Diff">
      <table className={styles.diff}>
        <caption>{caption}</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Old line</th>
            <th scope="col">New line</th>
            <th scope="col">Change</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {diff.rows.map((row, i) =>
            row.type === "skipped" ? (
              <tr key={i} data-type="skipped">
                <td colSpan={4}>
                  ⋯ {row.count} unchanged {row.count === 1 ? "line" : "lines"}
                </td>
              </tr>
            ) : (
              <tr key={i} data-type={row.type}>
                <td className={styles.num}>{row.type === "added" ? "" : row.oldLine}</td>
                <td className={styles.num}>{row.type === "removed" ? "" : row.newLine}</td>
                <td className={styles.marker}>
                  <span aria-hidden="true">{MARK[row.type]}</span>
                  <span className="visually-hidden">{SAY[row.type]}</span>
                </td>
                <td className={styles.line}>{row.text}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
