import styles from "./_explore/explore.module.css";

/** Shown while a page's data is on its way; shaped like the catalog so nothing jumps when it arrives. */
export default function Loading() {
  return (
    <div aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading…
      </p>
      <div className={styles.header} aria-hidden="true">
        <span className="skeleton" style={{ width: "9rem", height: "2rem" }} />
        <span className="skeleton" style={{ width: "min(28rem, 80%)", height: "1rem", marginTop: "0.6rem" }} />
      </div>
      <span className="skeleton" aria-hidden="true" style={{ height: "2.9rem", marginBottom: "1.25rem" }} />
      <div className={styles.layout} aria-hidden="true">
        <div className={styles.facets} style={{ padding: "0.9rem" }}>
          {[5, 3, 4].map((n, i) => (
            <div key={i} style={{ marginBottom: "1.1rem" }}>
              <span className="skeleton" style={{ width: "5rem", height: "0.8rem", marginBottom: "0.6rem" }} />
              {Array.from({ length: n }, (_, j) => (
                <span key={j} className="skeleton" style={{ width: `${60 + ((j * 17) % 35)}%`, height: "0.9rem", marginBottom: "0.45rem" }} />
              ))}
            </div>
          ))}
        </div>
        <div>
          <span className="skeleton" style={{ width: "14rem", height: "1.1rem", marginBottom: "0.8rem" }} />
          <div className="table-scroll" style={{ padding: "0.75rem" }}>
            {Array.from({ length: 8 }, (_, i) => (
              <span key={i} className="skeleton" style={{ height: "1.4rem", margin: "0.55rem 0" }} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
