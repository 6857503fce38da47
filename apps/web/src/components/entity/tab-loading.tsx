import styles from "./entity.module.css";

/**
 * Shown under the entity's header and tabs while a tab loads (each tab's loading.tsx, and the
 * overview's Suspense fallbacks). There is no loading.tsx beside the entity layout: its boundary
 * would start streaming before a tab could answer 404 (an API's Definition tab, asked of a component).
 */
export function TabLoading() {
  return (
    // No role="status": pages keep one status region for their own news (a save, a copy).
    <div aria-busy="true" className={`panel ${styles.skeleton}`}>
      <span className="visually-hidden">Loading…</span>
      <div className={styles.skeletonLine} style={{ width: "40%" }} />
      <div className={styles.skeletonLine} style={{ width: "85%" }} />
      <div className={styles.skeletonLine} style={{ width: "70%" }} />
      <div className={styles.skeletonLine} style={{ width: "60%" }} />
    </div>
  );
}
