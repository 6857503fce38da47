import type { Diagram } from "./graph-model";
import { relationLabel } from "./graph-model";
import { relationStroke } from "./relation-style";
import styles from "./graph.module.css";

/** What the lines and boxes mean: each relation type drawn, the root, dangling and outside nodes. */
export function GraphLegend({ diagram }: { diagram: Diagram }) {
  const hasDangling = diagram.nodes.some((n) => !n.exists);
  const hasExternal = diagram.nodes.some((n) => n.external);
  return (
    <ul className={styles.legend} aria-label="Legend">
      {diagram.relationTypes.map((type) => {
        const stroke = relationStroke(type);
        return (
          <li key={type}>
            <svg className={styles.legendSample} width="40" height="12" viewBox="0 0 40 12" aria-hidden="true" focusable="false">
              <line x1="1" y1="6" x2="32" y2="6" style={{ stroke: stroke.color, strokeDasharray: stroke.dash, strokeWidth: 2 }} />
              <path d="M31 1.5 L39 6 L31 10.5 z" style={{ fill: stroke.color }} />
            </svg>
            {relationLabel(type)}
          </li>
        );
      })}
      <li>
        <span className={`${styles.legendNode} ${styles.legendRoot}`} aria-hidden="true" />
        this entity
      </li>
      {hasDangling && (
        <li>
          <span className={`${styles.legendNode} ${styles.legendDangling}`} aria-hidden="true" />
          not in catalog (a relation points at it, but no such entity exists)
        </li>
      )}
      {hasExternal && (
        <li>
          <span className={`${styles.legendNode} ${styles.legendExternal}`} aria-hidden="true" />
          outside (dashed compartment)
        </li>
      )}
    </ul>
  );
}
