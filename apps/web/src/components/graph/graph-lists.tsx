import type { Diagram, DiagramNode } from "./graph-model";
import styles from "./graph.module.css";

/**
 * The diagram as text: every node (a link to its page) and every relation, for keyboard and
 * screen-reader users and for anyone who prefers a list. Same data as the drawing.
 */
export function GraphLists({ diagram, open = false }: { diagram: Diagram; open?: boolean }) {
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  const groupLabel = new Map(diagram.groups.map((g) => [g.id, g.label]));
  const showGroups = diagram.groups.length > 0;
  return (
    <details className={`panel ${styles.lists}`} open={open} data-testid="graph-lists">
      <summary>
        Nodes and relations as a list ({diagram.nodes.length} nodes, {diagram.edges.length} relations)
      </summary>
      <h3 id="graph-nodes-heading">Nodes</h3>
      <div className="table-scroll">
        <table aria-labelledby="graph-nodes-heading">
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">Kind</th>
              {showGroups && <th scope="col">Where</th>}
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {diagram.nodes.map((n) => (
              <tr key={n.id}>
                <td>
                  <NodeLink node={n} />
                </td>
                <td>{n.kindLabel}</td>
                {showGroups && <td>{n.group ? groupLabel.get(n.group) : "—"}</td>}
                <td>
                  <NodeNotes node={n} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="graph-edges-heading">Relations</h3>
      {diagram.edges.length === 0 ? (
        <p className="muted">No relations between these nodes.</p>
      ) : (
        <ul className={styles.edgeList} aria-labelledby="graph-edges-heading">
          {diagram.edges.map((e) => (
            <li key={e.id}>
              <NodeName node={byId.get(e.source)} fallback={e.source} /> <span className={styles.relType}>{`—${e.label}→`}</span>{" "}
              <NodeName node={byId.get(e.target)} fallback={e.target} />
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function NodeLink({ node }: { node: DiagramNode }) {
  return (
    <>
      {/* A plain link: hundreds of next/link components would each hydrate (and prefetch once the list is opened). */}
      <a href={node.href}>{node.label}</a>
      {node.secondary && (
        <>
          {" "}
          <code className="muted">{node.secondary}</code>
        </>
      )}
    </>
  );
}

function NodeNotes({ node }: { node: DiagramNode }) {
  const notes = [
    node.root && <span key="root">this entity</span>,
    !node.exists && (
      <span key="dangling" className={styles.danglingTag}>
        not in catalog
      </span>
    ),
    node.external && (
      <span key="external" className={styles.outsideTag}>
        outside
      </span>
    ),
  ].filter(Boolean);
  if (notes.length === 0) return <span className="muted">—</span>;
  return <>{notes.flatMap((n, i) => (i === 0 ? [n] : [", ", n]))}</>;
}

function NodeName({ node, fallback }: { node: DiagramNode | undefined; fallback: string }) {
  if (!node) return <code>{fallback}</code>;
  return (
    <>
      <span className="muted">{node.kindLabel}</span> <strong>{node.label}</strong>
      {!node.exists && <span className={styles.danglingTag}> (not in catalog)</span>}
    </>
  );
}
