import { GRAPH_DEPTH_MAX, GRAPH_NODE_LIMIT_MAX, type GraphQuery } from "@cartograph/contracts";
import { GRAPH_KINDS, kindLabel, RELATION_TYPES, relationLabel } from "./graph-model";
import styles from "./graph.module.css";

/**
 * A plain GET form: every choice lands in the URL, so a view can be shared and works without
 * JavaScript. No box ticked in a group means all of that group.
 */
export function GraphControls({ query, limitSet, problems }: { query: GraphQuery; limitSet: boolean; problems: string[] }) {
  const relations = new Set(query.relation ?? []);
  const kinds = new Set(query.kind ?? []);
  return (
    <form method="get" className={`panel ${styles.controls}`} aria-label="Graph options">
      {problems.length > 0 && (
        <div role="alert" className="form-error" style={{ flexBasis: "100%" }}>
          Some options in the address could not be used, so their defaults apply: {problems.join("; ")}.
        </div>
      )}
      <label className={styles.field}>
        Depth
        <select name="depth" defaultValue={String(query.depth)}>
          {Array.from({ length: GRAPH_DEPTH_MAX }, (_, i) => i + 1).map((d) => (
            <option key={d} value={d}>
              {d} {d === 1 ? "hop" : "hops"}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.field}>
        Direction
        <select name="direction" defaultValue={query.direction}>
          <option value="both">Both ways</option>
          <option value="outgoing">Outgoing (what it uses)</option>
          <option value="incoming">Incoming (what uses it)</option>
        </select>
      </label>
      {limitSet && (
        <label className={styles.field}>
          Most nodes
          <input type="number" name="limit" min={1} max={GRAPH_NODE_LIMIT_MAX} defaultValue={query.limit} style={{ width: "6rem" }} />
        </label>
      )}
      <fieldset>
        <legend>Relation types (none ticked: all)</legend>
        <div className={styles.checks}>
          {RELATION_TYPES.map((type) => (
            <label key={type}>
              <input type="checkbox" name="relation" value={type} defaultChecked={relations.has(type)} />
              {relationLabel(type)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Kinds (none ticked: all)</legend>
        <div className={styles.checks}>
          {GRAPH_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" name="kind" value={kind} defaultChecked={kinds.has(kind)} />
              {kindLabel(kind)}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button">
        Apply
      </button>
    </form>
  );
}
