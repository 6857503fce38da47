import type { OpenApiView, OperationView } from "./openapi";
import styles from "./entity.module.css";

/** An OpenAPI document read for people: what it is, where it runs, and each operation by tag. */
export function OpenApiDefinition({ doc }: { doc: OpenApiView }) {
  return (
    <div>
      <div className="panel">
        <h3>
          {doc.title ?? "Untitled API"} {doc.version && <span className={styles.count}>version {doc.version}</span>}
        </h3>
        <p className={styles.sub}>OpenAPI {doc.specVersion} · {doc.operationCount} {doc.operationCount === 1 ? "operation" : "operations"}</p>
        {doc.description && <p className="description">{doc.description}</p>}
        {doc.servers.length > 0 && (
          <>
            <h4 className="subheading">Servers</h4>
            <ul className={styles.linkList}>
              {doc.servers.map((server) => (
                <li key={server.url}>
                  <code>{server.url}</code>
                  {server.description && <span className={styles.sub}> {server.description}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {doc.groups.length === 0 && <p className={`panel ${styles.empty}`}>The document declares no operations (its paths are empty).</p>}
      {doc.groups.map((group, g) => (
        <section key={group.tag} aria-labelledby={`tag-${g}`} className={styles.section}>
          <h3 id={`tag-${g}`} className="subheading">
            {group.tag} <span className={styles.count}>({group.operations.length})</span>
          </h3>
          {group.description && <p className="muted">{group.description}</p>}
          {group.operations.map((op) => (
            <Operation key={op.id} op={op} headingId={`op-${g}-${op.id.replace(/[^A-Za-z0-9_-]/g, "_")}`} />
          ))}
        </section>
      ))}
    </div>
  );
}

function Operation({ op, headingId }: { op: OperationView; headingId: string }) {
  return (
    <article className={styles.operation} aria-labelledby={headingId}>
      <h4 id={headingId}>
        <span className={styles.method} data-method={op.method}>
          {op.method.toUpperCase()}
        </span>
        <code>{op.path}</code>
        {op.deprecated && <span className={styles.deprecated}>(deprecated)</span>}
      </h4>
      {op.summary && <p>{op.summary}</p>}
      {op.description && op.description !== op.summary && <p className="muted description">{op.description}</p>}

      {op.parameters.length > 0 && (
        <>
          <h5>Parameters</h5>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={`Parameters of ${op.method.toUpperCase()} ${op.path}`}>
            <table className={styles.smallTable}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Required</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {op.parameters.map((p) => (
                  <tr key={`${p.in}-${p.name}`}>
                    <th scope="row">
                      <code>{p.name}</code>
                    </th>
                    <td>{p.in}</td>
                    <td>{p.type ? <code>{p.type}</code> : <span className="muted">—</span>}</td>
                    <td>{p.required ? "yes" : "no"}</td>
                    <td>{p.description ?? <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {op.requestBody && (
        <>
          <h5>Request body</h5>
          <p>
            {op.requestBody.required ? "Required" : "Optional"}
            {op.requestBody.contentTypes.length > 0 && (
              <>
                , as <ContentTypes types={op.requestBody.contentTypes} />
              </>
            )}
            {op.requestBody.description && <>. {op.requestBody.description}</>}
          </p>
        </>
      )}

      <h5>Responses</h5>
      {op.responses.length === 0 ? (
        <p className="muted">None declared.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Responses of ${op.method.toUpperCase()} ${op.path}`}>
          <table className={styles.smallTable}>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Description</th>
                <th scope="col">Content</th>
              </tr>
            </thead>
            <tbody>
              {op.responses.map((r) => (
                <tr key={r.status}>
                  <th scope="row">
                    <code>{r.status}</code>
                  </th>
                  <td>{r.description ?? <span className="muted">—</span>}</td>
                  <td>{r.contentTypes.length > 0 ? <ContentTypes types={r.contentTypes} /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function ContentTypes({ types }: { types: string[] }) {
  return (
    <>
      {types.map((t, i) => (
        <span key={t}>
          {i > 0 && ", "}
          <code>{t}</code>
        </span>
      ))}
    </>
  );
}
