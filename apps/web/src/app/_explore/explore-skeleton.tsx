import styles from "./explore.module.css";

/** Shown while the filters and results are on their way; shaped like them so nothing jumps when they arrive. */
export function ExploreSkeleton() {
  return (
    <div aria-busy="true" data-testid="explore-loading">
      <p role="status" className="visually-hidden">
        Loading results…
      </p>
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
