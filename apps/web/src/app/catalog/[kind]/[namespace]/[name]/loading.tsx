import styles from "@/components/entity/entity.module.css";

/** Shown under the entity's header and tabs while a tab loads. */
export default function EntityTabLoading() {
  return (
    <div role="status" aria-live="polite" className={`panel ${styles.skeleton}`}>
      <span className="visually-hidden">Loading…</span>
      <div className={styles.skeletonLine} style={{ width: "40%" }} />
      <div className={styles.skeletonLine} style={{ width: "85%" }} />
      <div className={styles.skeletonLine} style={{ width: "70%" }} />
      <div className={styles.skeletonLine} style={{ width: "60%" }} />
    </div>
  );
}
